import { exchange, type ExchangeResponse } from './exchange';
import { providerFailure } from './call-failure';

/** What a provider answered: its status and its body as text (read under the cap). */
export type ProviderAnswer = Pick<ExchangeResponse, 'status' | 'text'>;

/** One POST's body: JSON, or a form (`application/x-www-form-urlencoded`). */
export type PostBody = { readonly json: unknown } | { readonly form: URLSearchParams };

/** A third-party API at one root, with the headers every call sends (its credentials). */
export interface ApiClient {
  /**
   * One POST to `path` under the root, through `exchange`: never retried (a repeated send is a second SMS), no
   * redirect, a capped body, `signal` over the whole exchange. A failed exchange throws the provider error that
   * `call-failure.ts` maps it to, named `what` (e.g. "Twilio Verify /Verifications"); any answer is returned.
   */
  post(path: string, body: PostBody, signal: AbortSignal, what: string, headers?: Readonly<Record<string, string>>): Promise<ProviderAnswer>;
}

export function apiClient(baseUrl: string, headers: Readonly<Record<string, string>> = {}): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');
  return {
    async post(path, body, signal, what, extra = {}) {
      const [type, text] =
        'json' in body ? ['application/json', JSON.stringify(body.json)] : ['application/x-www-form-urlencoded;charset=UTF-8', body.form.toString()];
      try {
        const { status, text: answer } = await exchange({
          url: `${root}/${path.replace(/^\/+/, '')}`,
          method: 'POST',
          headers: { accept: 'application/json', ...headers, ...extra, 'content-type': type },
          body: text,
          signal,
        });
        return { status, text: answer };
      } catch (error) {
        throw providerFailure(what, error);
      }
    },
  };
}

/** An answer's body as a JSON object, or undefined when it is not one: providers' error bodies are not always JSON. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
