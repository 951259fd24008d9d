import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../src/adapters/cognito/inbound/validate-event';
import { errorFields, publicMessage } from '../../src/adapters/cognito/inbound/public-errors';
import type { AppError } from '../../src/domain/errors';
import {
  ChallengeStateError,
  DirectoryError,
  ERROR_CODES,
  InvalidPhoneError,
  ProviderError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderTimeoutError,
  ProviderUnreachableError,
} from '../../src/domain/errors';
import { ConfigError } from '../../src/settings/config-error';
import { TwilioRefusalError } from '../../src/adapters/providers/twilio';
import { PROVIDER_FAILURE_CODES } from '../../src/domain/errors';

const every: AppError[] = [
  new InvalidPhoneError(),
  new ChallengeStateError('challenge state is missing or corrupt'),
  new InvalidEventError('event has no request'),
  new ProviderError('failed'),
  new ProviderTimeoutError('late'),
  new ProviderUnreachableError('down'),
  new ProviderRejectedError('401', 401),
  new ProviderResponseError('malformed'),
  new DirectoryError('AdminUpdateUserAttributes failed: UserNotFoundException', 400),
  new ConfigError('OTP_PROVIDER', 'is not set'),
  new TwilioRefusalError('max-sends', 60203, 429, 'Twilio Verify /Verifications'),
  new TwilioRefusalError('throttled', 20429, 429, 'Twilio Verify /Verifications'),
];

describe('the error model', () => {
  it('gives every failure its own stable code from ERROR_CODES', () => {
    // Act
    const codes = every.map((error) => error.code);

    // Assess
    expect(new Set(codes).size).toBe(every.length);
    for (const code of codes) expect(Object.values(ERROR_CODES)).toContain(code);
  });

  it('shows the client a message only when its error says it may', () => {
    // Assess
    expect(publicMessage(new InvalidPhoneError(), 'CreateAuthChallenge_Authentication')).toMatch(/^\[invalid-phone\] user has no valid phone_number/);
    expect(publicMessage(new InvalidEventError('event has no request'), undefined)).toBe('[invalid-event] event has no request');
    expect(publicMessage(new ProviderTimeoutError('EasyAuth /send did not answer'), 'CreateAuthChallenge_Authentication')).toBe(
      '[send-failed] could not send the verification code, try again shortly',
    );
    expect(publicMessage(new ProviderRejectedError('401', 401), 'VerifyAuthChallengeResponse_Authentication')).toBe(
      '[verify-failed] verification service unavailable, try again shortly',
    );
    expect(publicMessage(new DirectoryError('AdminUpdateUserAttributes failed: X'), 'PostAuthentication_Authentication')).toBe('[internal] internal error');
    expect(publicMessage(new ConfigError('OTP_PROVIDER', 'is not set'), undefined)).toBe('[internal] internal error');
    expect(publicMessage(new TypeError('x is undefined'), undefined)).toBe('[internal] internal error');
  });

  it('logs the code of every error, UNEXPECTED for one that is not ours', () => {
    // Assess
    expect(errorFields(new ProviderRejectedError('EasyAuth /send answered HTTP 401', 401))).toEqual({
      errorCode: 'PROVIDER_REJECTED',
      error: 'ProviderRejectedError',
      reason: 'EasyAuth /send answered HTTP 401',
      status: 401,
      cause: undefined,
    });
    expect(errorFields(new TypeError('boom'))).toMatchObject({ errorCode: 'UNEXPECTED', error: 'TypeError' });
    expect(errorFields('a string')).toEqual({ errorCode: 'UNEXPECTED', error: 'string' });
  });

  it("shows a Twilio refusal's own words, and alarms on throttling but not on one user's refusal", () => {
    // Prepare
    const maxSends = new TwilioRefusalError('max-sends', 60203, 429, 'Twilio Verify /Verifications');
    const geo = new TwilioRefusalError('geo-permission', 60605, 403, 'Twilio Verify /Verifications');
    const throttled = new TwilioRefusalError('throttled', undefined, 429, 'Twilio Verify /VerificationCheck');

    // Act
    const words = [maxSends, geo, throttled].map((error) => publicMessage(error, 'CreateAuthChallenge_Authentication'));

    // Assess
    expect(words).toEqual([
      '[too-many-sends] too many codes sent to this number, try again in 10 minutes',
      '[country-blocked] codes cannot be sent to numbers in this country',
      '[busy] too many requests, try again shortly',
    ]);
    expect([maxSends.code, geo.code, throttled.code]).toEqual(['PROVIDER_REFUSED_USER', 'PROVIDER_REFUSED_USER', 'PROVIDER_THROTTLED']);
    expect(PROVIDER_FAILURE_CODES).not.toContain(maxSends.code);
    expect(PROVIDER_FAILURE_CODES).toContain(throttled.code);
    expect(errorFields(maxSends)).toMatchObject({ errorCode: 'PROVIDER_REFUSED_USER', error: 'TwilioRefusalError', status: 429 });
  });

  it("keeps a provider setting's error in the logs only", () => {
    // Assess
    expect(publicMessage(new ConfigError('SOLAPI_SENDER', 'is "+82 2 1234 5678": it accepts 8 to 12 digits'), 'CreateAuthChallenge_Authentication')).toBe(
      '[internal] internal error',
    );
  });
});
