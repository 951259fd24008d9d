import { ChallengeStateError, DirectoryError, InvalidPhoneError, ProviderError } from '../domain/errors';
import type { LogFields } from '../domain/ports';
import { InvalidEventError, type TriggerSource } from './cognito/validate-event';

/**
 * Cognito shows a trigger's error message to the client as
 * "<Trigger> failed with error <message>.", so only these words ever leave the function.
 */
export function publicMessage(error: unknown, source: TriggerSource | undefined): string {
  if (error instanceof InvalidEventError || error instanceof InvalidPhoneError || error instanceof ChallengeStateError) {
    return error.message;
  }
  if (error instanceof ProviderError) {
    return source === 'VerifyAuthChallengeResponse_Authentication'
      ? 'verification service unavailable, try again shortly'
      : 'could not send the verification code, try again shortly';
  }
  return 'internal error';
}

/** What the log may say of an error: our own errors' messages are PII-free by construction. */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const status = error instanceof ProviderError || error instanceof DirectoryError ? error.status : undefined;
  const cause = error.cause instanceof Error ? error.cause.name : undefined;
  return { error: error.name, reason: error.message, status, cause };
}
