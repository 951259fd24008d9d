import {
  DirectoryError,
  LedgerError,
  ProviderError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderTimeoutError,
  ProviderUnreachableError,
  type ServiceError,
} from '../../domain/errors';
import { AwsError } from '../aws/aws-error';
import { ExchangeError } from './exchange';

/**
 * The one mapping from a failed call out (an `ExchangeError` from `exchange`, an `AwsError` from an AWS protocol)
 * to the error of the port that called: a provider's, the ledger's or the user directory's. Every message names
 * the call (`what`, e.g. "Solapi /messages/v4/send", "ledger UpdateItem") and the failure's kind or the service's
 * error code, never a URL query, a header, a body or the service's own message (which can quote a phone or a key).
 */
type FailureKind = 'timeout' | 'unreachable' | 'bad-answer' | 'rejected';

interface Failure {
  readonly kind: FailureKind;
  /** Completes "<what> …". */
  readonly words: string;
  /** A short reason for a log or a configuration error: the failure's kind or the service's error code. */
  readonly reason: string;
  readonly status?: number;
}

function classify(error: unknown): Failure {
  if (error instanceof ExchangeError) {
    switch (error.kind) {
      case 'timeout':
        return { kind: 'timeout', words: 'did not answer before the deadline', reason: 'timeout' };
      case 'unreachable':
        return { kind: 'unreachable', words: 'could not be reached', reason: 'unreachable' };
      case 'redirect':
      case 'too-large':
        return { kind: 'bad-answer', words: error.message, reason: error.kind, status: error.status };
    }
  }
  if (error instanceof AwsError) {
    const status = error.status === undefined ? '' : `, HTTP ${error.status}`;
    switch (error.kind) {
      case 'rejected':
        return { kind: 'rejected', words: `failed: ${error.code ?? 'UnknownError'}`, reason: `${error.code ?? 'UnknownError'}${status}`, status: error.status };
      case 'malformed':
        return {
          kind: 'bad-answer',
          words: `answered HTTP ${error.status} with a body its protocol does not allow`,
          reason: `malformed${status}`,
          status: error.status,
        };
      case 'no-credentials':
        return { kind: 'unreachable', words: 'failed: no credentials to sign with', reason: 'no-credentials' };
    }
  }
  return { kind: 'unreachable', words: 'failed', reason: error instanceof Error ? error.name : 'unknown error' };
}

const PROVIDER_ERRORS = {
  timeout: ProviderTimeoutError,
  unreachable: ProviderUnreachableError,
  'bad-answer': ProviderResponseError,
  rejected: ProviderRejectedError,
} satisfies Record<FailureKind, new (message: string, status?: number, options?: ErrorOptions) => ProviderError>;

function mapped<E extends ServiceError>(kind: abstract new (...args: never[]) => E, error: unknown, make: (failure: Failure) => E): E {
  // Mapped already (a call's own refusal, or a failure mapped further down): kept as it is.
  if (error instanceof kind) return error;
  return make(classify(error));
}

/** A provider's call failed: timed out, unreachable, answered out of contract, or (AWS) refused. */
export function providerFailure(what: string, error: unknown): ProviderError {
  return mapped(ProviderError, error, (failure) => new PROVIDER_ERRORS[failure.kind](`${what} ${failure.words}`, failure.status, { cause: error }));
}

/** A call to the ledger's table failed: every kind of failure is a `LedgerError`, and callers fail closed. */
export function ledgerFailure(what: string, error: unknown): LedgerError {
  return mapped(LedgerError, error, (failure) => new LedgerError(`${what} ${failure.words}`, failure.status, { cause: error }));
}

/** A call to the user directory (the user pool) failed. */
export function directoryFailure(what: string, error: unknown): DirectoryError {
  return mapped(DirectoryError, error, (failure) => new DirectoryError(`${what} ${failure.words}`, failure.status, { cause: error }));
}

/** Why a call failed, in a few words: the failure's kind or the service's error code, with its HTTP status. */
export function failureReason(error: unknown): string {
  return classify(error).reason;
}
