import { AwsError } from '../aws/aws-error';

/**
 * The ledger could not be read or written in time, or answered out of contract. Callers fail closed:
 * Create sends nothing, Verify issues nothing. The message names the operation and DynamoDB's error code only.
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly code = 'LEDGER_UNAVAILABLE';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error instanceof AwsError) return new LedgerError(`ledger ${error.message}`, error.status, { cause: error });
  return new LedgerError('ledger call failed', undefined, { cause: error });
}
