import ky, { type KyInstance, type Options } from 'ky';
import { DEFAULT_MAX_BODY_BYTES, ExchangeError, readCapped } from './exchange';

/**
 * A ky client for a provider's API, made so that ky never does what a trigger cannot afford:
 * no retries (a repeated send is a second SMS), no redirects (a key, a phone or a code never
 * follows a `Location`, and a redirect's answer is never trusted), no ky timeout and no thrown
 * HTTP errors (the caller's deadline bounds the call, the caller reads the status).
 */
export function providerClient(prefixUrl: string, headers: Record<string, string> = {}): KyInstance {
  return ky.create({ prefixUrl, headers, retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' });
}

export interface ProviderAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * One POST through `api`: a 3xx is refused, the body is read with a cap, and `signal` bounds
 * the whole exchange, body included (`readCapped` races the signal itself, whatever GC does to
 * fetch's own listener). Throws an `ExchangeError`.
 */
export async function post(
  api: KyInstance,
  path: string,
  options: Options,
  signal: AbortSignal,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<ProviderAnswer> {
  let response: Response;
  try {
    signal.throwIfAborted();
    response = await api.post(path, { ...options, signal });
  } catch (error) {
    throw transportFailure(error, signal);
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    throw new ExchangeError('redirect', `answered HTTP ${response.status} (a redirect, which is refused)`, response.status);
  }
  const text = await readCapped(response, maxBodyBytes, signal);
  return { status: response.status, text };
}

function transportFailure(error: unknown, signal: AbortSignal): ExchangeError {
  if (error instanceof ExchangeError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (signal.aborted || name === 'TimeoutError' || name === 'AbortError') {
    return new ExchangeError('timeout', 'did not answer before the deadline', undefined, { cause: signal.reason ?? error });
  }
  // With throwHttpErrors off, ky throws only what fetch throws ("fetch failed", its cause the socket error).
  return new ExchangeError('unreachable', 'could not be reached', undefined, { cause: error });
}

// Kept here for the adapters that import it from this module; it lives apart so that callers without ky load no ky.
export { toProviderError } from './provider-error';

/** An answer's body as a JSON object, or undefined when it is not one: providers' error bodies are not always JSON. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
