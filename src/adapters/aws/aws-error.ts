/**
 * Why a call to an AWS service failed. The message names the operation, the service's error code and the
 * HTTP status, never the service's own message: AWS messages can quote a phone number, a user or a key.
 * A failed exchange is not one of these: it stays the `ExchangeError` that `exchange` threw.
 * - `rejected`: the service answered an error (`code` holds its name, e.g. `ThrottlingException`);
 * - `malformed`: the service answered 2xx with a body that is not what its protocol promises;
 * - `no-credentials`: the environment holds no key to sign with.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';
  constructor(
    readonly kind: 'rejected' | 'malformed' | 'no-credentials',
    readonly operation: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(`${operation} failed: ${code ?? kind}${status === undefined ? '' : ` (HTTP ${status})`}`, options);
  }
}

/** An error name as AWS spells it (`ThrottlingException`, `Sender.InvalidParameter`); anything else becomes `UnknownError`. */
export function awsErrorName(raw: string | null | undefined): string {
  const name = (raw ?? '').split(':')[0]?.split('#').pop()?.trim() ?? '';
  return /^[A-Za-z][A-Za-z0-9._]{0,99}$/.test(name) ? name : 'UnknownError';
}
