import { LedgerError } from '../../domain/errors';
import { AwsError } from '../aws/aws-error';

export { LedgerError } from '../../domain/errors';

export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error instanceof AwsError) return new LedgerError(`ledger ${error.message}`, error.status, { cause: error });
  return new LedgerError('ledger call failed', undefined, { cause: error });
}
