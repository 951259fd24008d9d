import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/adapters/runtime/config';

const SECRET = 'a test HMAC secret that is long enough to be accepted';
/** What every provider now needs: the ledger table and the HMAC key. */
const LEDGER = { OTP_LEDGER_TABLE: 'otp-ledger', OTP_HMAC_SECRET: SECRET };
const SOLAPI = {
  ...LEDGER,
  OTP_PROVIDER: 'solapi',
  APP_NAME: 'Hello',
  SOLAPI_API_KEY: 'NCSKEY',
  SOLAPI_API_SECRET: 'solapi-secret',
  SOLAPI_SENDER: '02-1234-5678',
};
const SID = (prefix: string) => `${prefix}${'0123456789abcdef'.repeat(2)}`;
const TWILIO = { ...LEDGER, OTP_PROVIDER: 'twilio', TWILIO_API_KEY_SID: SID('SK'), TWILIO_API_KEY_SECRET: 'key-secret', TWILIO_VERIFY_SERVICE_SID: SID('VA') };
const BYTES = new TextEncoder().encode(SECRET);
const LEDGER_SETTINGS = { tableName: 'otp-ledger', budget: { maxSendsPerRangePerHour: 20, smsBudgetPerHour: 200, smsBudgetPerDay: 2000 } };
const NO_AWS = { region: undefined, endpoints: { dynamodb: undefined, secretsManager: undefined, sns: undefined, cognito: undefined }, credentials: undefined };
const SNS = { OTP_PROVIDER: 'sns', OTP_HMAC_SECRET: SECRET, APP_NAME: 'Hello', AWS_REGION: 'ap-northeast-2' };

describe('readConfig', () => {
  it("reads the fake's failure mode and its switch file", () => {
    const { provider } = readConfig({ ...LEDGER, OTP_PROVIDER: 'fake', FAKE_SMS_FAIL: 'timeout', FAKE_SMS_FAIL_FILE: '/tmp/switch' });

    expect(provider).toEqual({ kind: 'fake', outbox: undefined, fail: { mode: 'timeout', file: '/tmp/switch' } });
  });

  it('needs only OTP_PROVIDER=fake', () => {
    expect(readConfig({ ...LEDGER, OTP_PROVIDER: 'fake' })).toEqual({
      policy: {
        codeLength: 6,
        maxAttempts: 3,
        codeTtlSeconds: 180,
        resendIntervalSeconds: 30,
        maxResendWaitSeconds: 1800,
        maxSendsPerPhonePerDay: 0,
        maxResendsPerSignIn: 3,
      },
      hmacSecret: BYTES,
      ledger: LEDGER_SETTINGS,
      logLevel: 'info',
      provider: { kind: 'fake', outbox: undefined, fail: { mode: undefined, file: undefined } },
      aws: NO_AWS,
      allowedCountries: ['KR'],
      allowedNumberTypes: ['mobile', 'fixed-or-mobile'],
      metricsNamespace: 'CognitoSmsOtp',
    });
  });

  it('reads every setting', () => {
    const config = readConfig({
      ...LEDGER,
      OTP_PROVIDER: 'easyauth',
      EASYAUTH_API_KEY: 'key',
      EASYAUTH_BASE_URL: 'https://eu.easyauth.example/v1/',
      OTP_CODE_LENGTH: '8',
      OTP_MAX_ATTEMPTS: '5',
      OTP_CODE_TTL_SECONDS: '300',
      OTP_RESEND_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:8787',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_REGION: 'ap-northeast-2',
      AWS_ACCESS_KEY_ID: 'AKIDEVERY',
      AWS_SECRET_ACCESS_KEY: 'every-secret',
      AWS_SESSION_TOKEN: 'every-token',
      OTP_ALLOWED_COUNTRIES: 'kr, jp,KR',
      OTP_ALLOWED_NUMBER_TYPES: 'mobile, fixed-line,voip,mobile',
      OTP_METRICS_NAMESPACE: 'CognitoSmsOtp/Prod',
    });

    expect(config).toEqual({
      policy: {
        codeLength: 8,
        maxAttempts: 5,
        codeTtlSeconds: 300,
        resendIntervalSeconds: 0,
        maxResendWaitSeconds: 1800,
        maxSendsPerPhonePerDay: 0,
        maxResendsPerSignIn: 3,
      },
      hmacSecret: BYTES,
      ledger: LEDGER_SETTINGS,
      logLevel: 'warn',
      provider: { kind: 'easyauth', baseUrl: 'https://eu.easyauth.example/v1', apiKey: 'key' },
      aws: {
        region: 'ap-northeast-2',
        endpoints: { ...NO_AWS.endpoints, dynamodb: 'http://127.0.0.1:8000', cognito: 'http://127.0.0.1:8787' },
        credentials: { accessKeyId: 'AKIDEVERY', secretAccessKey: 'every-secret', sessionToken: 'every-token' },
      },
      allowedCountries: ['KR', 'JP'],
      allowedNumberTypes: ['mobile', 'fixed-line', 'voip'],
      metricsNamespace: 'CognitoSmsOtp/Prod',
    });
  });

  it('defaults EasyAuth to its public API', () => {
    expect(readConfig({ ...LEDGER, OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'key' }).provider).toEqual({
      kind: 'easyauth',
      baseUrl: 'https://api.easyauth.co/v1',
      apiKey: 'key',
    });
  });

  it.each([
    [{}, 'OTP_PROVIDER is not set: it accepts easyauth, sns, solapi, twilio, fake'],
    [{ OTP_PROVIDER: 'twillio' }, 'OTP_PROVIDER is "twillio": it accepts easyauth, sns, solapi, twilio, fake'],
    [{ OTP_PROVIDER: 'easyauth' }, 'EASYAUTH_API_KEY is not set'],
    [{ OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: '  ' }, 'EASYAUTH_API_KEY is not set'],
    [
      { OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'k', EASYAUTH_BASE_URL: 'http://api.easyauth.co/v1' },
      'EASYAUTH_BASE_URL is "http://api.easyauth.co/v1": it accepts an https:// URL',
    ],
    [{ OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'k', EASYAUTH_BASE_URL: 'nope' }, 'EASYAUTH_BASE_URL is "nope"'],
    [{ OTP_PROVIDER: 'fake', FAKE_SMS_FAIL: 'sometimes' }, 'FAKE_SMS_FAIL is "sometimes": it accepts refuse, unreachable, timeout'],
    [{ OTP_PROVIDER: 'fake', OTP_CODE_LENGTH: '3' }, 'OTP_CODE_LENGTH is "3": it accepts a whole number from 4 to 10'],
    [{ OTP_PROVIDER: 'fake', OTP_MAX_ATTEMPTS: '0' }, 'OTP_MAX_ATTEMPTS is "0": it accepts a whole number from 1 to 10'],
    [{ OTP_PROVIDER: 'fake', OTP_MAX_ATTEMPTS: '11' }, 'OTP_MAX_ATTEMPTS is "11"'],
    [{ OTP_PROVIDER: 'fake', OTP_MAX_ATTEMPTS: '2.5' }, 'OTP_MAX_ATTEMPTS is "2.5"'],
    [{ OTP_PROVIDER: 'fake', OTP_CODE_TTL_SECONDS: '29' }, 'OTP_CODE_TTL_SECONDS is "29": it accepts a whole number from 30 to 600'],
    [{ OTP_PROVIDER: 'fake', OTP_CODE_TTL_SECONDS: '601' }, 'OTP_CODE_TTL_SECONDS is "601"'],
    [{ OTP_PROVIDER: 'fake', OTP_RESEND_INTERVAL_SECONDS: '-1' }, 'OTP_RESEND_INTERVAL_SECONDS is "-1"'],
    [{ OTP_PROVIDER: 'fake', LOG_LEVEL: 'verbose' }, 'LOG_LEVEL is "verbose": it accepts error, warn, info, silent'],
    [{ OTP_PROVIDER: 'fake', LOG_LEVEL: 'debug' }, 'LOG_LEVEL is "debug": it accepts error, warn, info, silent'],
    [{ OTP_PROVIDER: 'fake', OTP_ALLOWED_COUNTRIES: 'KR,XX' }, 'OTP_ALLOWED_COUNTRIES is "KR,XX": "XX" is not an ISO 3166-1 alpha-2 code'],
    [{ OTP_PROVIDER: 'fake', OTP_ALLOWED_COUNTRIES: 'Korea' }, 'OTP_ALLOWED_COUNTRIES is "Korea": "KOREA" is not an ISO 3166-1 alpha-2 code'],
    [
      { OTP_PROVIDER: 'fake', OTP_ALLOWED_NUMBER_TYPES: 'mobile,premium-rate' },
      'OTP_ALLOWED_NUMBER_TYPES is "mobile,premium-rate": "premium-rate" is not one of mobile, fixed-or-mobile, fixed-line, voip, personal, uan, unknown',
    ],
    [{ OTP_PROVIDER: 'fake', OTP_ALLOWED_NUMBER_TYPES: ',' }, 'OTP_ALLOWED_NUMBER_TYPES is ",": "", "" is not one of'],
    [{ OTP_PROVIDER: 'fake', OTP_METRICS_NAMESPACE: 'has space' }, 'OTP_METRICS_NAMESPACE is "has space": it accepts a CloudWatch namespace'],
    [{ OTP_PROVIDER: 'fake', AWS_LAMBDA_FUNCTION_NAME: 'fn' }, 'OTP_PROVIDER is "fake" inside Lambda'],
  ])('fails fast on %j, naming the variable', (env, message) => {
    expect(() => readConfig({ ...LEDGER, ...env })).toThrow(ConfigError);
    expect(() => readConfig({ ...LEDGER, ...env })).toThrow(message);
  });

  it('reads the sns provider with its SMS settings, and the SDK region and endpoint for every AWS call', () => {
    const config = readConfig({
      ...LEDGER,
      OTP_PROVIDER: 'sns',
      OTP_HMAC_SECRET: SECRET,
      APP_NAME: 'Hello',
      AWS_REGION: 'ap-northeast-2',
      AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:4566',
      SNS_SENDER_ID: 'Hello1',
      SNS_ORIGINATION_NUMBER: '+18005550123',
      SMS_WEBOTP_DOMAIN: 'app.example.com',
    });

    expect(config.provider).toEqual({
      kind: 'sns',
      sms: {
        template: '{code} is your {app} verification code.',
        appName: 'Hello',
        webOtpDomain: 'app.example.com',
        senderId: 'Hello1',
        originationNumber: '+18005550123',
      },
    });
    expect(config.aws).toMatchObject({ region: 'ap-northeast-2', endpoints: { sns: 'http://127.0.0.1:4566' } });
  });

  it('needs no APP_NAME when the template does not use it', () => {
    const config = readConfig({ ...LEDGER, ...SNS, APP_NAME: undefined, SMS_MESSAGE_TEMPLATE: 'Your code: {code}' });

    expect(config.provider).toMatchObject({ sms: { template: 'Your code: {code}', appName: '' } });
  });

  it.each([
    [{ OTP_HMAC_SECRET: undefined }, 'OTP_HMAC_SECRET is not set: it must hold a random secret of at least 32 bytes'],
    [{ OTP_HMAC_SECRET: 'x'.repeat(31) }, 'OTP_HMAC_SECRET is 31 bytes long: it needs at least 32'],
    [{ AWS_REGION: undefined }, 'AWS_REGION is not set'],
    [{ APP_NAME: undefined }, 'APP_NAME is not set'],
    [{ SMS_MESSAGE_TEMPLATE: 'Welcome to {app}' }, 'SMS_MESSAGE_TEMPLATE is "Welcome to {app}": it must contain {code}'],
    [{ SNS_SENDER_ID: 'Far-too-long-id' }, 'SNS_SENDER_ID is "Far-too-long-id": it accepts 1 to 11 letters and digits'],
    [{ SNS_SENDER_ID: '12345' }, 'SNS_SENDER_ID is "12345"'],
    [{ SNS_ORIGINATION_NUMBER: '18005550123' }, 'SNS_ORIGINATION_NUMBER is "18005550123": it accepts an E.164 number'],
    [{ SMS_WEBOTP_DOMAIN: 'https://app.example.com' }, 'SMS_WEBOTP_DOMAIN is "https://app.example.com": it accepts a host name'],
  ])('fails fast on the sns setting %j', (change, message) => {
    expect(() => readConfig({ ...LEDGER, ...SNS, ...change })).toThrow(message);
  });

  it('allows the fake inside Lambda only when told to', () => {
    expect(readConfig({ ...LEDGER, OTP_PROVIDER: 'fake', AWS_LAMBDA_FUNCTION_NAME: 'fn', ALLOW_FAKE_SMS: 'true' }).provider.kind).toBe('fake');
  });

  it('allows plain http to EasyAuth only on this machine', () => {
    const env = { OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'k', EASYAUTH_BASE_URL: 'http://127.0.0.1:8080/v1' };
    expect(readConfig({ ...LEDGER, ...env }).provider).toMatchObject({ baseUrl: 'http://127.0.0.1:8080/v1' });
  });
});

describe('readConfig for solapi', () => {
  it('reads the keys, the sender as digits and the default API; no template means the Korean and English defaults', () => {
    // Act
    const config = readConfig(SOLAPI);

    // Assess
    expect(config.provider).toEqual({
      kind: 'solapi',
      solapi: { apiKey: 'NCSKEY', apiSecret: 'solapi-secret', sender: '0212345678', baseUrl: 'https://api.solapi.com', appName: 'Hello', template: undefined },
    });
  });

  it('keeps a template that fits one SMS', () => {
    // Act
    const config = readConfig({ ...SOLAPI, SMS_MESSAGE_TEMPLATE: '[{app}] 인증번호는 {code} 입니다' });

    // Assess
    expect(config.provider).toMatchObject({ solapi: { template: '[{app}] 인증번호는 {code} 입니다' } });
  });

  it.each([
    [{ SOLAPI_API_KEY: undefined }, 'SOLAPI_API_KEY is not set'],
    [{ SOLAPI_API_SECRET: undefined }, 'SOLAPI_API_SECRET is not set'],
    [{ SOLAPI_SENDER: undefined }, 'SOLAPI_SENDER is not set: it must hold the sender number registered with Solapi'],
    [{ SOLAPI_SENDER: '+82 2 1234 5678' }, 'SOLAPI_SENDER is "+82 2 1234 5678": it accepts 8 to 12 digits'],
    [{ SOLAPI_BASE_URL: 'http://api.solapi.com' }, 'SOLAPI_BASE_URL is "http://api.solapi.com": it accepts an https:// URL'],
    [{ OTP_HMAC_SECRET: undefined }, 'OTP_HMAC_SECRET is not set'],
    [{ APP_NAME: undefined }, 'APP_NAME is not set'],
    [{ APP_NAME: '아주 긴 앱 이름'.repeat(6) }, 'APP_NAME makes the SMS "[{app}] 인증번호 {code}" unsendable as one SMS'],
    [
      { SMS_MESSAGE_TEMPLATE: '{code} 인증번호입니다 🔐' },
      'SMS_MESSAGE_TEMPLATE makes the SMS "{code} 인증번호입니다 🔐" unsendable as one SMS: it holds characters EUC-KR cannot carry',
    ],
    [{ SMS_MESSAGE_TEMPLATE: `{code} ${'가'.repeat(42)}` }, 'bytes in EUC-KR'],
  ])('fails fast on the solapi setting %j', (change, message) => {
    // Act, Assess
    expect(() => readConfig({ ...SOLAPI, ...change })).toThrow(ConfigError);
    expect(() => readConfig({ ...SOLAPI, ...change })).toThrow(message);
  });
});

describe('readConfig for twilio', () => {
  it('reads an API key pair, the service and the default API', () => {
    // Act
    const config = readConfig(TWILIO);

    // Assess
    expect(config.provider).toEqual({
      kind: 'twilio',
      twilio: { baseUrl: 'https://verify.twilio.com/v2', serviceSid: SID('VA'), username: SID('SK'), password: 'key-secret', locale: undefined },
    });
  });

  it('reads the account pair instead, and a locale', () => {
    // Prepare
    const env = { ...TWILIO, TWILIO_API_KEY_SID: undefined, TWILIO_ACCOUNT_SID: SID('AC'), TWILIO_AUTH_TOKEN: 'token', TWILIO_VERIFY_LOCALE: 'pt-BR' };

    // Act
    const config = readConfig(env);

    // Assess
    expect(config.provider).toMatchObject({ twilio: { username: SID('AC'), password: 'token', locale: 'pt-BR' } });
  });

  it.each([
    [{ TWILIO_API_KEY_SID: undefined }, 'TWILIO_ACCOUNT_SID and TWILIO_API_KEY_SID are both unset: set exactly one credential pair'],
    [{ TWILIO_ACCOUNT_SID: SID('AC'), TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_ACCOUNT_SID and TWILIO_API_KEY_SID are both set'],
    [{ TWILIO_API_KEY_SECRET: undefined }, 'TWILIO_API_KEY_SECRET is not set: it pairs with TWILIO_API_KEY_SID (in Lambda, by TWILIO_API_KEY_SECRET_ID)'],
    [{ TWILIO_API_KEY_SID: undefined, TWILIO_ACCOUNT_SID: SID('AC') }, 'TWILIO_AUTH_TOKEN is not set: it pairs with TWILIO_ACCOUNT_SID'],
    [{ TWILIO_API_KEY_SID: SID('AC') }, 'TWILIO_API_KEY_SID is "AC0123456789abcdef0123456789abcdef": it accepts an API key SID'],
    [{ TWILIO_VERIFY_SERVICE_SID: undefined }, 'TWILIO_VERIFY_SERVICE_SID is not set'],
    [{ TWILIO_VERIFY_SERVICE_SID: 'VA123' }, 'TWILIO_VERIFY_SERVICE_SID is "VA123": it accepts a Verify service SID'],
    [{ TWILIO_VERIFY_BASE_URL: 'http://verify.twilio.com/v2' }, 'TWILIO_VERIFY_BASE_URL is "http://verify.twilio.com/v2"'],
    [{ TWILIO_VERIFY_LOCALE: 'Korean' }, 'TWILIO_VERIFY_LOCALE is "Korean"'],
  ])('fails fast on the twilio setting %j', (change, message) => {
    // Act, Assess
    expect(() => readConfig({ ...TWILIO, ...change })).toThrow(ConfigError);
    expect(() => readConfig({ ...TWILIO, ...change })).toThrow(message);
  });
});

describe('readConfig: the fallback provider', () => {
  it('reads the fallback with its own settings and the breaker defaults', () => {
    // Prepare
    const env = { ...SOLAPI, OTP_FALLBACK_PROVIDER: 'twilio', ...TWILIO, OTP_PROVIDER: 'solapi' };

    // Act
    const config = readConfig(env);

    // Assess
    expect(config.provider.kind).toBe('solapi');
    expect(config.fallback?.provider).toMatchObject({ kind: 'twilio', twilio: { username: SID('SK'), serviceSid: SID('VA') } });
    expect(config.fallback?.breaker).toEqual({ failures: 5, windowSeconds: 60, cooloffSeconds: 120 });
  });

  it('has no fallback and no breaker when OTP_FALLBACK_PROVIDER is unset', () => {
    // Prepare, Act
    const config = readConfig(SOLAPI);

    // Assess
    expect(config).not.toHaveProperty('fallback');
  });

  it('fails the cold start, in words, when the fallback is the primary', () => {
    // Prepare
    const env = { ...SOLAPI, OTP_FALLBACK_PROVIDER: 'solapi' };

    // Act, Assess
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow('OTP_FALLBACK_PROVIDER is "solapi", the same as OTP_PROVIDER: the fallback must be a different provider');
  });

  it("fails the cold start naming the fallback's missing setting", () => {
    // Prepare
    const env = { ...SOLAPI, OTP_FALLBACK_PROVIDER: 'easyauth' };

    // Act, Assess
    expect(() => readConfig(env)).toThrow('EASYAUTH_API_KEY');
  });
});
