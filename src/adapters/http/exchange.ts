import type { request as httpRequest } from 'node:http';

/**
 * The one outbound path: every call out (DynamoDB, Secrets Manager, SNS, the user pool, EasyAuth, Solapi, Twilio)
 * is one HTTP exchange here, bounded the way a Cognito trigger needs:
 * - no redirects: a 3xx is refused, so a key, a phone or a code never follows a `Location` to another host
 *   or to plain HTTP, and a redirect's answer is never trusted;
 * - the body is read with a size cap, so a huge answer cannot exhaust the function's memory;
 * - the deadline's signal bounds the whole exchange, body included: an abort destroys the request and its socket.
 * Failures are `ExchangeError`s; `call-failure.ts` maps them to the calling port's errors.
 */

export interface ExchangeRequest {
  readonly url: string | URL;
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the exchange, body included. */
  readonly signal: AbortSignal;
  /** The largest body accepted, in bytes. @default 64 KiB */
  readonly maxBodyBytes?: number;
}

/** A response's headers, read by name, case-insensitively; the part of `Headers` that callers use. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly text: string;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Why an exchange failed; adapters map it to their own typed errors. The message names no URL query, header or body. */
export class ExchangeError extends Error {
  override readonly name = 'ExchangeError';
  constructor(
    readonly kind: 'timeout' | 'unreachable' | 'redirect' | 'too-large',
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Over `node:http` / `node:https`, not `fetch`: node's first `fetch` loads undici, about 18 ms of a cold start
 * (more on a small Lambda), and nothing else on the AWS path needs it. The module of the protocol used is
 * loaded on the first call. Never retried; the agent keeps the connection for the next call of a warm instance.
 */
export async function exchange(request: ExchangeRequest): Promise<ExchangeResponse> {
  const { signal } = request;
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  if (signal.aborted) throw failure(signal.reason, signal);
  let transport: { request: typeof httpRequest };
  try {
    transport = url.protocol === 'https:' ? await import('node:https') : url.protocol === 'http:' ? await import('node:http') : unsupported(url);
  } catch (error) {
    throw failure(error, signal);
  }
  const maxBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  return new Promise<ExchangeResponse>((resolve, reject) => {
    let settled = false;
    const settle = (error: ExchangeError | undefined, response?: ExchangeResponse): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) {
        outgoing.destroy();
        reject(error);
      } else resolve(response as ExchangeResponse);
    };
    const onAbort = (): void => settle(failure(signal.reason, signal));
    const headers: Record<string, string> = { ...request.headers };
    if (body) headers['content-length'] = String(body.byteLength);
    const outgoing = transport.request(url, { method: request.method, headers }, (incoming) => {
      const status = incoming.statusCode ?? 0;
      if (status >= 300 && status < 400) return settle(new ExchangeError('redirect', `answered HTTP ${status} (a redirect, which is refused)`, status));
      const declared = Number(incoming.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) return settle(tooLarge(status, maxBytes));
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) settle(tooLarge(status, maxBytes));
        else chunks.push(chunk);
      });
      incoming.on('error', (error) => settle(failure(error, signal)));
      incoming.on('close', () => {
        if (!incoming.complete) settle(failure(new Error('the connection closed before the body ended'), signal));
      });
      incoming.on('end', () => settle(undefined, { status, headers: headersOf(incoming.headers), text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', (error) => settle(failure(error, signal)));
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.end(body);
  });
}

function unsupported(url: URL): never {
  throw new Error(`${url.protocol} is not http: or https:`);
}

function headersOf(raw: Readonly<Record<string, string | string[] | undefined>>): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function tooLarge(status: number, maxBytes: number): ExchangeError {
  return new ExchangeError('too-large', `answered HTTP ${status} with a body over ${maxBytes} bytes`, status);
}

function failure(error: unknown, signal: AbortSignal): ExchangeError {
  if (error instanceof ExchangeError) return error;
  if (signal.aborted) return new ExchangeError('timeout', 'did not answer before the deadline', undefined, { cause: signal.reason });
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new ExchangeError('timeout', 'did not answer before the deadline', undefined, { cause: error });
  return new ExchangeError('unreachable', 'could not be reached', undefined, { cause: error });
}
