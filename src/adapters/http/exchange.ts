/**
 * One HTTP exchange with a remote service, bounded the way a Cognito trigger needs:
 * - no redirects: a 3xx is refused, so a key, a phone or a code never follows a `Location` to another host
 *   or to plain HTTP, and a redirect's answer is never trusted;
 * - the body is read with a size cap, so a huge answer cannot exhaust the function's memory;
 * - the deadline's signal bounds the whole exchange, body included: the read races the signal itself, so
 *   the cut does not depend on fetch keeping its own abort listener alive (it holds it weakly).
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

export interface ExchangeResponse {
  readonly status: number;
  readonly headers: Headers;
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

export async function exchange(request: ExchangeRequest): Promise<ExchangeResponse> {
  const { signal } = request;
  let response: Response;
  try {
    signal.throwIfAborted();
    response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal });
  } catch (error) {
    throw failure(error, signal);
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    throw new ExchangeError('redirect', `answered HTTP ${response.status} (a redirect, which is refused)`, response.status);
  }
  const text = await readCapped(response, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, signal);
  return { status: response.status, headers: response.headers, text };
}

/** Reads a response body as UTF-8 text, refusing more than `maxBytes`, and giving up when `signal` aborts. */
export async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(response.status, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(failure(signal.reason, signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(response.status, maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error instanceof ExchangeError ? error : failure(error, signal);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
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
