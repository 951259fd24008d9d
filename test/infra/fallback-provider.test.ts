import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../infra/context';
import type { FunctionSettings } from '../../infra/function-environment';
import { SmsOtpSignIn, type SmsOtpSignInProps } from '../../infra/sms-otp-sign-in';
import { exampleStack, testApp, unsuppressedNagFindings } from '../support/cdk';

function synth(props: Pick<SmsOtpSignInProps, 'provider'> & { settings?: FunctionSettings }) {
  const stack = new Stack(testApp(), 'Fallback');
  const signIn = new SmsOtpSignIn(stack, 'SignIn', { ...props });
  return { stack, signIn, template: Template.fromStack(stack) };
}

const environment = (template: Template) => Object.values(template.findResources('AWS::Lambda::Function'))[0]?.Properties.Environment.Variables;
const statements = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
/** The logical ids of the secrets the function may read. */
const readable = (template: Template) =>
  statements(template)
    .filter((statement) => statement.Action === 'secretsmanager:GetSecretValue')
    .map((statement) => (statement.Resource as { Ref?: string }).Ref ?? statement.Resource);
const secretIds = (template: Template) => Object.keys(template.findResources('AWS::SecretsManager::Secret'));

describe('a fallback provider in the construct', () => {
  const solapiFallback = { kind: 'solapi', settings: { solapiSender: '02-1234-5678', appName: 'Hello' } } as const;

  it('names the fallback to the function, with its own settings, and breaker settings passed like any other', () => {
    // Act
    const { template } = synth({
      provider: { kind: 'easyauth', fallback: solapiFallback },
      settings: { otpBreakerFailures: 3, otpBreakerCooloffSeconds: 300 },
    });

    // Assess
    expect(environment(template)).toMatchObject({
      OTP_PROVIDER: 'easyauth',
      OTP_FALLBACK_PROVIDER: 'solapi',
      SOLAPI_SENDER: '02-1234-5678',
      APP_NAME: 'Hello',
      OTP_BREAKER_FAILURES: '3',
      OTP_BREAKER_COOLOFF_SECONDS: '300',
    });
  });

  it("creates and grants the secrets of both providers (one HMAC key), and no other provider's", () => {
    // Act
    const { template, signIn } = synth({ provider: { kind: 'easyauth', fallback: solapiFallback } });

    // Assess
    expect(Object.keys(signIn.secrets).sort()).toEqual(['EASYAUTH_API_KEY', 'OTP_HMAC_SECRET', 'SOLAPI_API_KEY', 'SOLAPI_API_SECRET']);
    expect(readable(template).sort()).toEqual(secretIds(template).sort());
    expect(secretIds(template)).toHaveLength(4);
    expect(environment(template)).toMatchObject({
      EASYAUTH_API_KEY_SECRET_ID: { Ref: expect.stringMatching(/EasyAuthApiKey/) },
      SOLAPI_API_KEY_SECRET_ID: { Ref: expect.stringMatching(/SolapiApiKey/) },
      SOLAPI_API_SECRET_ID: { Ref: expect.stringMatching(/SolapiApiSecret/) },
    });
    expect(JSON.stringify(environment(template))).not.toMatch(/TWILIO|SNS_SENDER/);
    expect(signIn.secretsToFill.map(({ variable }) => variable)).toEqual(['EASYAUTH_API_KEY', 'SOLAPI_API_KEY', 'SOLAPI_API_SECRET']);
  });

  it("uses a fallback's given secret, and may publish SMS when the fallback is sns", () => {
    // Prepare
    const stack = new Stack(testApp(), 'Given');
    const apiKeySecret = Secret.fromSecretNameV2(stack, 'Key', 'prod/easyauth');

    // Act
    new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'sns', fallback: { kind: 'easyauth', apiKeySecret } }, settings: { appName: 'Hello' } });
    const template = Template.fromStack(stack);

    // Assess
    expect(environment(template)).toMatchObject({ OTP_PROVIDER: 'sns', OTP_FALLBACK_PROVIDER: 'easyauth', EASYAUTH_API_KEY_SECRET_ID: 'prod/easyauth' });
    expect(statements(template)).toContainEqual({ Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' });
    expect(secretIds(template)).toHaveLength(1); // the HMAC key only
  });

  it('grants sns:Publish when only the fallback is sns, and stays nag-clean', () => {
    // Act
    const { stack, template } = synth({
      provider: { kind: 'easyauth', fallback: { kind: 'sns', settings: { snsSenderId: 'HELLO' } } },
      settings: { appName: 'Hello' },
    });

    // Assess
    expect(statements(template)).toContainEqual({ Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' });
    expect(environment(template)).toMatchObject({ SNS_SENDER_ID: 'HELLO' });
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });

  it('refuses at synth, in words: a fallback of the same kind, a setting not of its kind, the fallback named as a setting', () => {
    // Act, Assess
    expect(() => synth({ provider: { kind: 'easyauth', fallback: { kind: 'easyauth' } } })).toThrow(
      'SmsOtpSignIn: provider.fallback is "easyauth", the same as provider.kind: the fallback must be another provider',
    );
    expect(() => synth({ provider: { kind: 'easyauth', fallback: { kind: 'sns', settings: { otpCodeLength: 8 } } } })).toThrow(
      'SmsOtpSignIn: provider.fallback.settings.otpCodeLength is not a setting of sns: put it in settings',
    );
    const named = { otpFallbackProvider: 'sns' } as FunctionSettings;
    expect(() => synth({ provider: { kind: 'easyauth', fallback: { kind: 'sns' } }, settings: named })).toThrow(
      'SmsOtpSignIn: settings.otpFallbackProvider is set: name the fallback as provider.fallback, with its secrets',
    );
  });
});

describe('a fallback provider in the CDK context', () => {
  it('reads otpFallbackProvider as a provider of its own, refusing fake', () => {
    // Act
    const settings = readContext(new App({ context: { provider: 'easyauth', otpFallbackProvider: 'sns', snsSenderId: 'HELLO' } }).node);

    // Assess
    expect(settings).toMatchObject({ provider: 'easyauth', fallbackProvider: 'sns', function: { snsSenderId: 'HELLO' } });
    expect(settings.function).not.toHaveProperty('otpFallbackProvider');
    expect(() => readContext(new App({ context: { otpFallbackProvider: 'fake' } }).node)).toThrow(
      /context otpFallbackProvider is "fake": it accepts easyauth, sns/,
    );
  });

  it("deploys the example stack with the fallback, its secrets by name from the context, sharing the primary's HMAC key", () => {
    // Act
    const { stack, template } = exampleStack({
      provider: 'easyauth',
      fallbackProvider: 'twilio',
      function: { twilioVerifyServiceSid: 'VA0123456789abcdef0123456789abcdef', twilioAccountSid: 'AC0123456789abcdef0123456789abcdef' },
      secrets: { twilioAuthTokenSecret: 'prod/twilio', hmacSecret: 'prod/hmac' },
    });

    // Assess
    expect(environment(template)).toMatchObject({
      OTP_FALLBACK_PROVIDER: 'twilio',
      TWILIO_AUTH_TOKEN_SECRET_ID: 'prod/twilio',
      OTP_HMAC_SECRET_ID: 'prod/hmac',
      EASYAUTH_API_KEY_SECRET_ID: { Ref: expect.stringMatching(/EasyAuthApiKey/) },
    });
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });
});
