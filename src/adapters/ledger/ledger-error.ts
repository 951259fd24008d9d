import type { LedgerError } from '../../domain/errors';
import { AwsError } from '../aws/aws-error';
import { ledgerFailure } from '../http/call-failure';

export { LedgerError } from '../../domain/errors';

/** A failed table call as a `LedgerError` (src/adapters/http/call-failure.ts), named by its operation. */
export function toLedgerError(error: unknown, operation = error instanceof AwsError ? error.operation : 'call'): LedgerError {
  return ledgerFailure(`ledger ${operation}`, error);
}
