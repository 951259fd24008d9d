import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../infra/context';
import { SmsOtpSignIn, type SmsOtpSignInProps } from '../../infra/sms-otp-sign-in';
import { SmsOtpStack } from '../../infra/sms-otp-stack';
import { exampleStack, testApp } from '../support/cdk';

const signIn = (props: Partial<SmsOtpSignInProps>) => () => new SmsOtpSignIn(new Stack(testApp(), 'S'), 'SignIn', { provider: { kind: 'easyauth' }, ...props });
const contextOf = (context: Record<string, unknown>) => readContext(new App({ context }).node);

describe('construct settings', () => {
  it.each([
    [{ settings: { otpCodeLength: 3 } }, 'SmsOtpSignIn: invalid setting: settings.otpCodeLength is "3": it accepts a whole number from 4 to 10'],
    [{ settings: { otpMaxAttempts: 11 } }, 'settings.otpMaxAttempts is "11"'],
    [{ settings: { otpCodeTtlSeconds: 10 } }, 'settings.otpCodeTtlSeconds is "10"'],
    [{ settings: { easyAuthBaseUrl: 'http://api.easyauth.co/v1' } }, 'settings.easyAuthBaseUrl is "http://api.easyauth.co/v1": it accepts an https:// URL'],
    [
      { provider: { kind: 'sns' as const }, settings: { smsMessageTemplate: 'no code here' } },
      'settings.smsMessageTemplate is "no code here": it must contain {code}',
    ],
    [{ provider: { kind: 'sns' as const } }, 'settings.appName is not set'],
    [{ provider: { kind: 'sns' as const }, settings: { appName: 'A', snsSenderId: 'TOO-LONG-SENDER' } }, 'settings.snsSenderId is "TOO-LONG-SENDER"'],
    [{ settings: { otpAllowedCountries: ['KR', 'XX'] } }, 'settings.otpAllowedCountries is "KR,XX": "XX" is not an ISO 3166-1 alpha-2 code'],
    [{ authSessionValidity: Duration.minutes(2) }, 'SmsOtpSignIn: authSessionValidity is 2 minutes: it accepts whole minutes from 3 to 15'],
    [{ authSessionValidity: Duration.minutes(16) }, 'authSessionValidity is 16 minutes'],
    [{ wafRateLimit: 5 }, 'SmsOtpSignIn: wafRateLimit is 5: it accepts a whole number of requests per IP per 5 minutes from 10 to 2000000000, or false'],
  ])('fails the synth on %j, naming the setting', (props, message) => {
    // Act and assess
    expect(signIn(props)).toThrow(message);
  });

  it('takes a longer session, and no web ACL when told so', () => {
    // Prepare
    const stack = new Stack(testApp(), 'S');
    // Act
    new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth' }, authSessionValidity: Duration.minutes(15), wafRateLimit: false });
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AuthSessionValidity: 15 });
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it("takes otpAllowedCountries as an array, and gives it to the function as its variable's comma-separated text", () => {
    // Prepare
    const stack = new Stack(testApp(), 'S');

    // Act
    new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth' }, settings: { otpAllowedCountries: ['KR', 'JP'] } });
    const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];

    // Assess
    expect(fn?.Properties.Environment.Variables.OTP_ALLOWED_COUNTRIES).toBe('KR,JP');
  });

  it('notifies an SNS topic from every alarm, going off and back to normal', () => {
    // Act
    const { template } = exampleStack({ alarmEmail: 'ops@example.com' });
    // Assess
    const topic = { Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] };

    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: topic });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(8);
    for (const alarm of alarms) expect(alarm.Properties).toMatchObject({ AlarmActions: [topic], OKActions: [topic] });
  });
});

describe("the example app's context", () => {
  it('reads every setting, strings from -c and values from cdk.json alike', () => {
    // Act
    const context = contextOf({
      provider: 'sns',
      hmacSecret: 'prod/hmac',
      appName: 'Hello',
      otpCodeLength: '8',
      otpMaxAttempts: 5,
      authSessionMinutes: '10',
      wafRateLimit: 'off',
      alarmEmail: 'ops@example.com',
      logLevel: 'warn',
    });

    // Assess
    expect(context).toEqual({
      provider: 'sns',
      secrets: { hmacSecret: 'prod/hmac' },
      function: { appName: 'Hello', otpCodeLength: 8, otpMaxAttempts: 5, logLevel: 'warn' },
      authSessionMinutes: 10,
      wafRateLimit: false,
      alarmEmail: 'ops@example.com',
    });
  });

  it('reads otpAllowedCountries as an array from cdk.json or as comma-separated text from -c', () => {
    // Act
    const fromJson = contextOf({ otpAllowedCountries: ['KR', 'JP'] });
    const fromFlag = contextOf({ otpAllowedCountries: 'KR,JP' });

    // Assess
    expect(fromJson.function).toEqual({ otpAllowedCountries: ['KR', 'JP'] });
    expect(fromFlag.function).toEqual({ otpAllowedCountries: ['KR', 'JP'] });
    expect(() => contextOf({ otpAllowedCountries: ['KR', 82] })).toThrow('context otpAllowedCountries is ["KR",82]: it accepts an array of strings');
  });

  it('defaults to easyauth with the web ACL on', () => {
    // Act
    const defaults = contextOf({});
    const withLimit = contextOf({ wafRateLimit: 2000 });

    // Assess
    expect(defaults).toEqual({ provider: 'easyauth', function: {}, secrets: {} });
    expect(withLimit.wafRateLimit).toBe(2000);
  });

  it.each([
    [
      { provider: 'fake' },
      'context provider is "fake": it accepts easyauth, sns, solapi, twilio (fake is for tests and local runs: it writes codes to the logs)',
    ],
    [{ provider: 'twillio' }, 'context provider is "twillio"'],
    [{ otpCodeLength: 'six' }, 'context otpCodeLength is "six": it accepts a whole number'],
    [{ wafRateLimit: '1e3' }, 'context wafRateLimit is "1e3": it accepts a whole number'],
    [{ appName: { nested: true } }, 'context appName is {"nested":true}: it accepts a string'],
    [{ wafLimit: '100' }, 'context wafLimit is not a setting: the settings are provider, '],
  ])('fails on %j, naming the key', (context, message) => {
    // Act and assess
    expect(() => contextOf(context)).toThrow(message);
  });

  it('passes its values to the construct, which checks their ranges as the function will', () => {
    // Prepare
    const settings = contextOf({ provider: 'sns', otpCodeLength: '12', appName: 'Hello' });

    // Act
    const synth = () => new SmsOtpStack(testApp(), 'App', { settings });

    // Assess
    expect(synth).toThrow('SmsOtpSignIn: invalid setting: settings.otpCodeLength is "12": it accepts a whole number from 4 to 10');
  });
});
