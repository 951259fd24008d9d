// aws4 is CommonJS that node's ESM loader cannot name exports of: its default export is the module.
import aws4, { type Request } from 'aws4';
import { exchange, type ExchangeResponse } from '../http/exchange';
import { AwsError } from './aws-error';
import type { AwsCredentials, AwsTarget } from './services';

export interface SignedRequest {
  readonly operation: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
  readonly maxBodyBytes?: number;
}

/** What SigV4 signs: one request with its body in hand. */
export interface SigningInput {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly credentials: AwsCredentials;
  readonly service: string;
  readonly region: string;
  /** When it is signed; the signature is good for 5 minutes around it. */
  readonly date: Date;
}

/**
 * The headers to send, signed with SigV4 by `aws4` (synchronous, node:crypto; it caches the day's signing key):
 * the given ones, `host`, `x-amz-date`, the session token if any, and `authorization`. aws4 would add and sign a
 * `content-length` too; it is left out of the signature (exchange sets it), so a request is signed exactly as
 * AWS's published test vectors are (test/adapters/sigv4.test.ts checks this call against them).
 */
export function signRequest(input: SigningInput): Record<string, string> {
  const amzDate = input.date.toISOString().replace(/[:-]|\.\d{3}/g, '');
  // aws4 takes `extraHeadersToIgnore` (since 1.11), which its types do not name.
  const request: Request & { extraHeadersToIgnore: Record<string, boolean> } = {
    method: input.method,
    host: input.url.host,
    path: `${input.url.pathname}${input.url.search}`,
    headers: { ...input.headers, 'x-amz-date': amzDate },
    body: input.body,
    service: input.service,
    region: input.region,
    extraHeadersToIgnore: { 'content-length': true },
  };
  const signed = aws4.sign(request, input.credentials);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = String(value);
  return headers;
}

/**
 * One SigV4-signed POST through `exchange`: no redirect, a capped body, the signal over the whole exchange.
 * Never retried: a retried Publish is a second SMS, a retried conditional write a misleading refusal.
 * A failed exchange throws its `ExchangeError` as it is; the caller names the call (src/adapters/http/call-failure.ts).
 */
export async function signedPost(target: AwsTarget, request: SignedRequest): Promise<ExchangeResponse> {
  if (!target.credentials) throw new AwsError('no-credentials', request.operation, undefined, undefined);
  const url = new URL(target.endpoint);
  const headers = signRequest({
    method: 'POST',
    url,
    headers: request.headers,
    body: request.body,
    credentials: target.credentials,
    service: target.service.signingName,
    region: target.region,
    date: new Date(),
  });
  return exchange({ url, method: 'POST', headers, body: request.body, signal: request.signal, maxBodyBytes: request.maxBodyBytes });
}
