import { exchange, ExchangeError, type ExchangeResponse } from '../http/exchange';
import { AwsError } from './aws-error';
import type { AwsTarget } from './services';
import { signRequest } from './sigv4';

export interface SignedRequest {
  readonly operation: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
  readonly maxBodyBytes?: number;
}

/**
 * One SigV4-signed POST through `exchange`: no redirect, a capped body, the signal over the whole exchange.
 * Never retried: a retried Publish is a second SMS, a retried conditional write a misleading refusal.
 */
export async function signedPost(target: AwsTarget, request: SignedRequest): Promise<ExchangeResponse> {
  const credentials = target.credentials();
  if (!credentials) throw new AwsError('no-credentials', request.operation, undefined, undefined);
  // Signed with node:crypto (sigv4.ts), not aws4fetch: its WebCrypto and `Headers` cost a cold start undici and awaits.
  const url = new URL(target.endpoint);
  const headers = signRequest({
    method: 'POST',
    url,
    headers: request.headers,
    body: request.body,
    credentials,
    service: target.service.signingName,
    region: target.region,
    date: new Date(),
  });
  try {
    return await exchange({
      url,
      method: 'POST',
      headers,
      body: request.body,
      signal: request.signal,
      maxBodyBytes: request.maxBodyBytes,
    });
  } catch (error) {
    if (error instanceof ExchangeError) throw new AwsError(error.kind, request.operation, undefined, error.status, { cause: error });
    throw error;
  }
}
