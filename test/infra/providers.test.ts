import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SmsOtpStack } from '../../infra/sms-otp-stack';
import { exampleStack, testApp, unsuppressedNagFindings } from '../support/cdk';

const statements = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
const environment = (template: Template) => Object.values(template.findResources('AWS::Lambda::Function'))[0]?.Properties.Environment.Variables;
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
