import { Match, Template } from 'aws-cdk-lib/assertions';
import { UNSET_SECRET_VALUE } from '../../src/adapters/runtime/unset-secret';
import { describe, expect, it } from 'vitest';
import { SmsOtpStack } from '../../infra/sms-otp-stack';
import { App } from 'aws-cdk-lib';
import { readContext } from '../../infra/context';
import { exampleStack, testApp, unsuppressedNagFindings } from '../support/cdk';

const statements = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
const environment = (template: Template) => Object.values(template.findResources('AWS::Lambda::Function'))[0]?.Properties.Environment.Variables;
const KAKAO = {
  solapiKakaoPfId: 'KA01PF190227072057634pRBhbpAw1w1',
  solapiKakaoTemplateId: 'KA01TP210129012740053ATI51TEvmcC',
  solapiKakaoCodeVariable: '#{인증번호}',
};
const onlyTable = (template: Template) => ({ Ref: Object.keys(template.findResources('AWS::DynamoDB::Table'))[0] });

describe('the sns provider', () => {
  const { stack, template } = exampleStack({ provider: 'sns', function: { appName: 'Hello', snsSenderId: 'HELLO', otpCodeLength: 8 } });
  const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];

  it('may publish SMS to phone numbers only: every ARN, so every topic, is excluded', () => {
    const publish = statements(template).filter((statement) => JSON.stringify(statement.Action).includes('sns:'));

    expect(publish).toEqual([{ Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' }]);
  });

  it('generates the HMAC key in Secrets Manager and passes its id only', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } });
    expect(environment(template)).toEqual({
      OTP_PROVIDER: 'sns',
      OTP_CODE_LENGTH: '8',
      OTP_HMAC_SECRET_ID: { Ref: secret },
      OTP_LEDGER_TABLE: onlyTable(template),
      APP_NAME: 'Hello',
      SNS_SENDER_ID: 'HELLO',
      OTP_METRICS_NAMESPACE: expect.stringMatching(/^CognitoSmsOtp\//),
    });
    expect(statements(template)).toContainEqual({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secret } });
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });

  it('passes cdk-nag', () => {
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });
});

describe('an existing secret', () => {
  it('is granted by name, with the suffix Secrets Manager adds, and nothing is created', () => {
    const { template } = exampleStack({ secrets: { easyAuthApiKeySecret: 'prod/easyauth', hmacSecret: 'prod/otp-hmac' } });

    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(environment(template)).toMatchObject({ EASYAUTH_API_KEY_SECRET_ID: 'prod/easyauth', OTP_HMAC_SECRET_ID: 'prod/otp-hmac' });
    expect(statements(template)).toContainEqual({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:prod/easyauth-??????'],
        ],
      },
    });
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('PutEasyAuthApiKey');
  });

  it('is granted by its complete ARN', () => {
    const arn = 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:prod/hmac-AbC123';
    const stack = new SmsOtpStack(testApp(), 'Arn', { settings: { provider: 'sns', secrets: { hmacSecret: arn }, function: { appName: 'Hello' } } });
    const template = Template.fromStack(stack);

    expect(environment(template)).toMatchObject({ OTP_HMAC_SECRET_ID: arn });
    expect(statements(template)).toContainEqual({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn });
  });
});

const secretIdsOf = (template: Template, ...ids: string[]) =>
  ids.map((id) => Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((logicalId) => logicalId.includes(id)));
const secretReads = (template: Template) => statements(template).filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager:'));

describe('the solapi provider', () => {
  const { stack, template } = exampleStack({ provider: 'solapi', function: { appName: 'Hello', solapiSender: '02-1234-5678' } });
  const [apiKey, apiSecret, hmac] = secretIdsOf(template, 'SolapiApiKey', 'SolapiApiSecret', 'OtpHmacSecret');

  it('creates its API key and secret empty, generates the HMAC key, and passes their ids only', () => {
    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 3);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { SecretString: UNSET_SECRET_VALUE, Description: Match.stringLikeRegexp('SOLAPI_API_KEY') });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: UNSET_SECRET_VALUE,
      Description: Match.stringLikeRegexp('SOLAPI_API_SECRET'),
    });
    expect(environment(template)).toEqual({
      OTP_PROVIDER: 'solapi',
      OTP_METRICS_NAMESPACE: expect.stringMatching(/^CognitoSmsOtp\//),
      SOLAPI_API_KEY_SECRET_ID: { Ref: apiKey },
      SOLAPI_API_SECRET_ID: { Ref: apiSecret },
      OTP_HMAC_SECRET_ID: { Ref: hmac },
      OTP_LEDGER_TABLE: { Ref: expect.stringMatching(/Ledger/) },
      APP_NAME: 'Hello',
      SOLAPI_SENDER: '02-1234-5678',
    });
    expect(Object.keys(template.toJSON().Outputs)).toEqual(expect.arrayContaining(['PutSolapiApiKey', 'PutSolapiApiSecret']));
  });

  it('may read exactly those three secrets, and publish nothing to SNS', () => {
    // Assess
    expect(secretReads(template)).toEqual(
      [apiKey, apiSecret, hmac].map((id) => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: id } })),
    );
    expect(JSON.stringify(statements(template))).not.toContain('sns:');
  });

  it('passes cdk-nag', () => {
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });

  it('uses existing secrets named in the context', () => {
    // Act
    const { template } = exampleStack({
      provider: 'solapi',
      function: { appName: 'Hello', solapiSender: '0212345678' },
      secrets: { solapiApiKeySecret: 'prod/solapi-key', solapiApiSecretSecret: 'prod/solapi-secret', hmacSecret: 'prod/hmac' },
    });

    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(environment(template)).toMatchObject({
      SOLAPI_API_KEY_SECRET_ID: 'prod/solapi-key',
      SOLAPI_API_SECRET_ID: 'prod/solapi-secret',
      OTP_HMAC_SECRET_ID: 'prod/hmac',
    });
    expect(secretReads(template)).toHaveLength(3);
  });

  it('passes the AlimTalk settings from the CDK context to the function, and stays cdk-nag clean', () => {
    // Prepare: as `-c solapiKakaoPfId=… -c solapiKakaoTemplateId=… -c solapiKakaoCodeVariable=…` give them.
    const settings = readContext(new App({ context: { provider: 'solapi', appName: 'Hello', solapiSender: '0212345678', ...KAKAO } }).node);

    // Act
    const { stack, template } = exampleStack(settings);

    // Assess
    expect(environment(template)).toMatchObject({
      SOLAPI_KAKAO_PF_ID: KAKAO.solapiKakaoPfId,
      SOLAPI_KAKAO_TEMPLATE_ID: KAKAO.solapiKakaoTemplateId,
      SOLAPI_KAKAO_CODE_VARIABLE: '#{인증번호}',
    });
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });

  it.each([
    [{ solapiKakaoTemplateId: undefined }, 'settings.solapiKakaoTemplateId is not set: settings.solapiKakaoPfId sends AlimTalk'],
    [{ solapiKakaoPfId: undefined }, 'settings.solapiKakaoPfId is not set'],
    [{ solapiKakaoCodeVariable: '{code}' }, 'settings.solapiKakaoCodeVariable is "{code}": it accepts a template variable such as #{인증번호}'],
  ])('fails the synth on a half-set AlimTalk (%j), as the function would', (change, message) => {
    expect(() => exampleStack({ provider: 'solapi', function: { appName: 'Hello', solapiSender: '0212345678', ...KAKAO, ...change } })).toThrow(
      `SmsOtpSignIn: invalid setting: ${message}`,
    );
  });

  it('fails the synth without a sender, as the function would', () => {
    expect(() => exampleStack({ provider: 'solapi', function: { appName: 'Hello' } })).toThrow(
      'SmsOtpSignIn: invalid setting: settings.solapiSender is not set',
    );
  });
});

describe('the twilio provider', () => {
  const service = `VA${'0123456789abcdef'.repeat(2)}`;

  it('with an API key: creates its secret empty, generates the HMAC key, and may read only those two', () => {
    // Act
    const keySid = `SK${'0123456789abcdef'.repeat(2)}`;
    const { stack, template } = exampleStack({ provider: 'twilio', function: { twilioApiKeySid: keySid, twilioVerifyServiceSid: service } });
    const [secret, hmac] = secretIdsOf(template, 'TwilioApiKeySecret', 'OtpHmacSecret');

    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { SecretString: UNSET_SECRET_VALUE });
    expect(environment(template)).toEqual({
      OTP_PROVIDER: 'twilio',
      OTP_METRICS_NAMESPACE: expect.stringMatching(/^CognitoSmsOtp\//),
      TWILIO_API_KEY_SECRET_ID: { Ref: secret },
      OTP_HMAC_SECRET_ID: { Ref: hmac },
      OTP_LEDGER_TABLE: { Ref: expect.stringMatching(/Ledger/) },
      TWILIO_API_KEY_SID: keySid,
      TWILIO_VERIFY_SERVICE_SID: service,
    });
    expect(secretReads(template)).toEqual([secret, hmac].map((id) => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: id } })));
    expect(Object.keys(template.toJSON().Outputs)).toContain('PutTwilioApiKeySecret');
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });

  it('with the account SID: reads the auth token from an existing secret', () => {
    // Act
    const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
    const { template } = exampleStack({
      provider: 'twilio',
      function: { twilioAccountSid: accountSid, twilioVerifyServiceSid: service },
      secrets: { twilioAuthTokenSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/twilio-AbC123', hmacSecret: 'prod/hmac' },
    });

    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(environment(template)).toMatchObject({
      TWILIO_AUTH_TOKEN_SECRET_ID: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/twilio-AbC123',
      OTP_HMAC_SECRET_ID: 'prod/hmac',
    });
    expect(secretReads(template)).toContainEqual({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/twilio-AbC123',
    });
    expect(secretReads(template)).toHaveLength(2);
  });

  it('fails the synth without exactly one credential pair, as the function would', () => {
    expect(() => exampleStack({ provider: 'twilio', function: { twilioVerifyServiceSid: service } })).toThrow(
      'SmsOtpSignIn: invalid setting: settings.twilioAccountSid and settings.twilioApiKeySid are both unset',
    );
  });
});
