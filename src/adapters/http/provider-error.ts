import type { ProviderError } from '../../domain/errors';
import { ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../domain/errors';
import { ExchangeError } from './exchange';

/**
 * A failed exchange as the provider error the domain knows. `what` names the call, e.g.
 * "Solapi /messages/v4/send"; no URL query, header or body is ever quoted.
 */
export function toProviderError(what: string, error: unknown): ProviderError {
  if (!(error instanceof ExchangeError)) return new ProviderUnreachableError(`${what} failed`, undefined, { cause: error });
  switch (error.kind) {
    case 'timeout':
      return new ProviderTimeoutError(`${what} did not answer before the trigger deadline`, undefined, { cause: error });
    case 'redirect':
    case 'too-large':
      return new ProviderResponseError(`${what} ${error.message}`, error.status, { cause: error });
    case 'unreachable':
      return new ProviderUnreachableError(`${what} could not be reached`, undefined, { cause: error });
  }
}
