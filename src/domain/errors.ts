/** Failures, one class per kind. Expected outcomes (wrong, expired, exhausted) are values, not errors. */

export class InvalidPhoneError extends Error {
  override readonly name = 'InvalidPhoneError';
  constructor() {
    super('user has no valid phone_number (E.164, e.g. +821012345678)');
  }
}

export class ChallengeStateError extends Error {
  override readonly name = 'ChallengeStateError';
}

/** The OTP provider failed; messages never hold a phone number, a code or a key. */
export class ProviderError extends Error {
  override readonly name: string = 'ProviderError';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class ProviderTimeoutError extends ProviderError {
  override readonly name = 'ProviderTimeoutError';
}

export class ProviderUnreachableError extends ProviderError {
  override readonly name = 'ProviderUnreachableError';
}

/** The provider answered with an error status (bad key, throttled, 5xx, …). */
export class ProviderRejectedError extends ProviderError {
  override readonly name = 'ProviderRejectedError';
}

/** The provider answered, but not in the shape its contract promises. */
export class ProviderResponseError extends ProviderError {
  override readonly name = 'ProviderResponseError';
}

/** The user directory refused or failed an update; the message names the operation, never the user. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
