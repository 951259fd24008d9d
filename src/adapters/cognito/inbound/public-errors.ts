import { AppError, ERROR_CODES, type ErrorCode, LEDGER_FAILURE_CODES, PROVIDER_FAILURE_CODES } from '../../../domain/errors';
import type { LogFields } from '../../../domain/ports';
import { type FailureCode, failureMessage } from '../../../domain/public-failures';
import type { TriggerSource } from './validate-event';

/**
 * Cognito shows a trigger's error message to the client as "<Trigger> failed with error <message>.", so only
 * these leave the function, as `[code] words` (domain/public-failures.ts): the code and words (or else the message)
 * of an error marked `userVisible`; "try again shortly" for a provider or ledger failure; else "internal error".
 */
export function publicMessage(error: unknown, source: TriggerSource | undefined): string {
  const { code, words } = publicFailure(error, source);
  return failureMessage(code, words);
}

function publicFailure(error: unknown, source: TriggerSource | undefined): { code: FailureCode; words: string } {
  if (error instanceof AppError && error.userVisible) return { code: error.publicCode ?? 'internal', words: error.publicWords ?? error.message };
  if (LEDGER_FAILURE_CODES.includes(errorCode(error))) return { code: 'unavailable', words: 'sign-in is unavailable, try again shortly' };
  if (PROVIDER_FAILURE_CODES.includes(errorCode(error))) {
    return source === 'VerifyAuthChallengeResponse_Authentication'
      ? { code: 'verify-failed', words: 'verification service unavailable, try again shortly' }
      : { code: 'send-failed', words: 'could not send the verification code, try again shortly' };
  }
  return { code: 'internal', words: 'internal error' };
}

/** The stable code of any error: its own, or `UNEXPECTED` for one that is not ours. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof AppError ? error.code : ERROR_CODES.unexpected;
}

/**
 * What the log may say of an error: our own errors' messages are PII-free by construction.
 * The code goes in `errorCode`: the logger censors any field named `code`, which would be an OTP.
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { errorCode: ERROR_CODES.unexpected, error: typeof error };
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  const cause = error.cause instanceof Error ? error.cause.name : undefined;
  return { errorCode: errorCode(error), error: error.name, reason: error.message, status, cause };
}
