import { AwsV4Signer } from 'aws4fetch';
import { exchange, ExchangeError, type ExchangeResponse } from '../http/exchange';
import { AwsError } from './aws-error';
import type { AwsTarget } from './services';

/** Signing keys per day and region, shared by every call of this instance (aws4fetch derives them once). */
const signingKeys = new Map<string, ArrayBuffer>();

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
  const signer = new AwsV4Signer({
    method: 'POST',
    url: target.endpoint,
    headers: request.headers,
    body: request.body,
    ...credentials,
    service: target.service.signingName,
    region: target.region,
    cache: signingKeys,
  });
  const signed = await signer.sign();
  const headers: Record<string, string> = {};
  signed.headers.forEach((value, name) => (headers[name] = value));
  try {
    return await exchange({
      url: signed.url,
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
