import type { FailureCode } from './public-failures';

/**
 * Failures. Expected outcomes (wrong, expired, exhausted) are values, not errors.
 *
 * Every failure extends `AppError`: a stable `code` that logs, metric filters and alarms match (a class may be
 * renamed, a code may not), and `userVisible`, whether its message may reach the client. Messages never hold a
 * phone number, a code or a key.
 */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly userVisible: boolean;
  /** What the client reads when `userVisible`, if not the message itself (which is written for the logs). */
  readonly publicWords?: string;
  /** What the client reads when `userVisible`: the stable code it says in the user's language (public-failures.ts). */
  readonly publicCode?: FailureCode;
}

/** Every error code, once. Alarms match these (infra/sign-in-alarms.ts), so changing one is a breaking change. */
export const ERROR_CODES = {
  invalidPhone: 'INVALID_PHONE',
  challengeState: 'CHALLENGE_STATE_INVALID',
  invalidEvent: 'INVALID_EVENT',
  providerFailed: 'PROVIDER_FAILED',
  providerTimeout: 'PROVIDER_TIMEOUT',
  providerUnreachable: 'PROVIDER_UNREACHABLE',
  providerRejected: 'PROVIDER_REJECTED',
  providerBadResponse: 'PROVIDER_BAD_RESPONSE',
  /** The provider refused for a reason of this user's (too many sends or checks, a blocked number or country): not an outage. */
  providerRefusedUser: 'PROVIDER_REFUSED_USER',
  /** The provider throttled the account as a whole: an outage for everyone. */
  providerThrottled: 'PROVIDER_THROTTLED',
  /** A provider's own settings it cannot work with, found when its adapter is built at cold start. */
  providerSettingsInvalid: 'PROVIDER_SETTINGS_INVALID',
  /** A provider's breaker opened (a warn line, not a failure): Creates skip it for the cool-off and the fallback sends. */
  breakerOpened: 'PROVIDER_BREAKER_OPENED',
  directoryFailed: 'DIRECTORY_FAILED',
  configInvalid: 'CONFIG_INVALID',
  ledgerUnavailable: 'LEDGER_UNAVAILABLE',
  signUpRefused: 'SIGN_UP_REFUSED',
  /** Anything that is not an `AppError`: a bug, or a library's failure nobody mapped. */
  unexpected: 'UNEXPECTED',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/**
 * The OTP provider could not send or check a code: the ProviderFailures alarm counts these.
 * A refusal of one user (`PROVIDER_REFUSED_USER`, e.g. Twilio's max sends) is no outage and is left out.
 */
export const PROVIDER_FAILURE_CODES: readonly ErrorCode[] = [
  ERROR_CODES.providerFailed,
  ERROR_CODES.providerTimeout,
  ERROR_CODES.providerUnreachable,
  ERROR_CODES.providerRejected,
  ERROR_CODES.providerBadResponse,
  ERROR_CODES.providerThrottled,
];

/** The verification ledger could not be reached in time: no SMS was sent, no token issued. The LedgerUnavailable alarm counts these. */
export const LEDGER_FAILURE_CODES: readonly ErrorCode[] = [ERROR_CODES.ledgerUnavailable];

/** PostAuthentication could not mark a phone verified (the sign-in still succeeds): the PhoneVerificationFailures alarm counts these. */
export const PHONE_VERIFICATION_FAILURE_CODES: readonly ErrorCode[] = [ERROR_CODES.directoryFailed];

export class InvalidPhoneError extends AppError {
  override readonly name = 'InvalidPhoneError';
  readonly code = ERROR_CODES.invalidPhone;
  readonly userVisible = true;
  override readonly publicCode = 'invalid-phone';
  constructor() {
    super('user has no valid phone_number (E.164, e.g. +821012345678)');
  }
}

export class ChallengeStateError extends AppError {
  override readonly name = 'ChallengeStateError';
  readonly code = ERROR_CODES.challengeState;
  readonly userVisible = true;
  override readonly publicCode = 'challenge-state';
}

/** A failure of a service called out to, with the HTTP status it answered when it answered one. */
export abstract class ServiceError extends AppError {
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The OTP provider failed. Its words stay in the logs; the client reads "try again shortly". */
export class ProviderError extends ServiceError {
  override readonly name: string = 'ProviderError';
  readonly code: ErrorCode = ERROR_CODES.providerFailed;
  readonly userVisible: boolean = false;
}

export class ProviderTimeoutError extends ProviderError {
  override readonly name = 'ProviderTimeoutError';
  override readonly code = ERROR_CODES.providerTimeout;
}

export class ProviderUnreachableError extends ProviderError {
  override readonly name = 'ProviderUnreachableError';
  override readonly code = ERROR_CODES.providerUnreachable;
}

/** The provider answered with an error status (bad key, throttled, 5xx, …). */
export class ProviderRejectedError extends ProviderError {
  override readonly name: string = 'ProviderRejectedError';
  override readonly code: ErrorCode = ERROR_CODES.providerRejected;
}

/** The provider answered, but not in the shape its contract promises. */
export class ProviderResponseError extends ProviderError {
  override readonly name = 'ProviderResponseError';
  override readonly code = ERROR_CODES.providerBadResponse;
}

/** The user directory refused or failed an update; the message names the operation, never the user. */
export class DirectoryError extends ServiceError {
  override readonly name = 'DirectoryError';
  readonly code = ERROR_CODES.directoryFailed;
  readonly userVisible = false;
}

/**
 * The verification ledger could not be read or written in time, or answered out of contract. Callers fail closed:
 * Create sends nothing, Verify issues nothing. The message names the operation and DynamoDB's error code only;
 * the client reads "sign-in is unavailable, try again shortly".
 */
export class LedgerError extends ServiceError {
  override readonly name = 'LedgerError';
  readonly code = ERROR_CODES.ledgerUnavailable;
  readonly userVisible = false;
}

/** Why a sign-up is refused, in words a user can act on. */
const SIGN_UP_REFUSALS = {
  invalid: 'that phone number is not valid: check the digits and type it with + and the country code, e.g. +821012345678',
  country: 'phone numbers from that country cannot sign up here: use a mobile number from an allowed country',
  'number-type': 'that number cannot receive a text message (premium-rate, shared-cost, toll-free, pager or voicemail): use a mobile number',
  'not-mobile':
    'that number is not a mobile number (a landline, internet phone, personal or company number) and gets no text message here: use a mobile number',
  'not-canonical': 'that phone number is not written in its standard form',
  'lookup-failed': 'sign-up is unavailable for a moment, try again shortly',
} as const;
export type SignUpRefusalReason = keyof typeof SIGN_UP_REFUSALS;
/** Every reason, for those that must have words for each (the client's strings). */
export const SIGN_UP_REFUSAL_REASONS = Object.keys(SIGN_UP_REFUSALS) as readonly SignUpRefusalReason[];

/** PreSignUp refused a sign-up: an expected outcome, but Cognito learns it only from the trigger's error. */
export class SignUpRefusedError extends AppError {
  override readonly name = 'SignUpRefusedError';
  readonly code = ERROR_CODES.signUpRefused;
  readonly userVisible = true;
  /** `standardForm` says how to write a number refused as `not-canonical`, masked (see `standardFormHint`). */
  override readonly publicCode: FailureCode;
  constructor(
    readonly reason: SignUpRefusalReason,
    allowedCountries: readonly string[] = [],
    standardForm?: string,
  ) {
    const allowed = reason === 'country' && allowedCountries.length > 0 ? ` (${allowedCountries.join(', ')})` : '';
    const form = reason === 'not-canonical' && standardForm ? `: ${standardForm}` : '';
    super(`${SIGN_UP_REFUSALS[reason]}${allowed}${form}`);
    this.publicCode = `sign-up-${reason}`;
  }
}
