import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/adapters/config';

describe('readConfig', () => {
  it('needs only OTP_PROVIDER=fake', () => {
    expect(readConfig({ OTP_PROVIDER: 'fake' })).toEqual({
      policy: { codeLength: 6, maxAttempts: 3, codeTtlSeconds: 180, resendIntervalSeconds: 30 },
      logLevel: 'info',
      provider: { kind: 'fake', outbox: undefined },
    });
  });

  it('reads every setting', () => {
    const config = readConfig({
      OTP_PROVIDER: 'easyauth',
      EASYAUTH_API_KEY: 'key',
      EASYAUTH_BASE_URL: 'https://eu.easyauth.example/v1/',
      OTP_CODE_LENGTH: '8',
      OTP_MAX_ATTEMPTS: '5',
      OTP_CODE_TTL_SECONDS: '300',
      OTP_RESEND_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    });

    expect(config).toEqual({
      policy: { codeLength: 8, maxAttempts: 5, codeTtlSeconds: 300, resendIntervalSeconds: 0 },
      logLevel: 'warn',
      provider: { kind: 'easyauth', baseUrl: 'https://eu.easyauth.example/v1', apiKey: 'key' },
    });
  });

  it('defaults EasyAuth to its public API', () => {
    expect(readConfig({ OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'key' }).provider).toEqual({
      kind: 'easyauth',
      baseUrl: 'https://api.easyauth.co/v1',
      apiKey: 'key',
    });
  });

  it.each([
    [{}, 'OTP_PROVIDER is not set: it accepts easyauth, fake'],
    [{ OTP_PROVIDER: 'twilio' }, 'OTP_PROVIDER is "twilio": it accepts easyauth, fake'],
    [{ OTP_PROVIDER: 'easyauth' }, 'EASYAUTH_API_KEY is not set'],
    [{ OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: '  ' }, 'EASYAUTH_API_KEY is not set'],
    [{ OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'k', EASYAUTH_BASE_URL: 'http://api.easyauth.co/v1' }, 'EASYAUTH_BASE_URL is "http://api.easyauth.co/v1": it accepts an https:// URL'],
    [{ OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'k', EASYAUTH_BASE_URL: 'nope' }, 'EASYAUTH_BASE_URL is "nope"'],
    [{ OTP_PROVIDER: 'fake', OTP_CODE_LENGTH: '3' }, 'OTP_CODE_LENGTH is "3": it accepts a whole number from 4 to 10'],
    [{ OTP_PROVIDER: 'fake', OTP_MAX_ATTEMPTS: '0' }, 'OTP_MAX_ATTEMPTS is "0": it accepts a whole number from 1 to 10'],
    [{ OTP_PROVIDER: 'fake', OTP_MAX_ATTEMPTS: '11' }, 'OTP_MAX_ATTEMPTS is "11"'],
    [{ OTP_PROVIDER: 'fake', OTP_MAX_ATTEMPTS: '2.5' }, 'OTP_MAX_ATTEMPTS is "2.5"'],
    [{ OTP_PROVIDER: 'fake', OTP_CODE_TTL_SECONDS: '29' }, 'OTP_CODE_TTL_SECONDS is "29": it accepts a whole number from 30 to 600'],
    [{ OTP_PROVIDER: 'fake', OTP_CODE_TTL_SECONDS: '601' }, 'OTP_CODE_TTL_SECONDS is "601"'],
    [{ OTP_PROVIDER: 'fake', OTP_RESEND_INTERVAL_SECONDS: '-1' }, 'OTP_RESEND_INTERVAL_SECONDS is "-1"'],
    [{ OTP_PROVIDER: 'fake', LOG_LEVEL: 'verbose' }, 'LOG_LEVEL is "verbose": it accepts fatal, error, warn, info, debug, trace, silent'],
    [{ OTP_PROVIDER: 'fake', AWS_LAMBDA_FUNCTION_NAME: 'fn' }, 'OTP_PROVIDER is "fake" inside Lambda'],
  ])('fails fast on %j, naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('allows the fake inside Lambda only when told to', () => {
    expect(readConfig({ OTP_PROVIDER: 'fake', AWS_LAMBDA_FUNCTION_NAME: 'fn', ALLOW_FAKE_SMS: 'true' }).provider.kind).toBe('fake');
  });

  it('allows plain http to EasyAuth only on this machine', () => {
    const env = { OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'k', EASYAUTH_BASE_URL: 'http://127.0.0.1:8080/v1' };
    expect(readConfig(env).provider).toMatchObject({ baseUrl: 'http://127.0.0.1:8080/v1' });
  });
});
