import { ProviderRejectedError, ProviderResponseError } from '../domain/errors';
import type { PhoneNumber } from '../domain/phone';
import type { CodeKeptByProvider, Deadline, ProviderCheck } from '../domain/ports';
import { exchange } from './http/exchange';
import { toProviderError } from './http/provider-error';

export interface EasyAuthSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/**
 * EasyAuth keeps the code and its expiry itself: `/send` texts a code, `/verify`
 * answers `{success}`. Nothing is retried, since a repeated `/send` is a second SMS;
 * the caller's deadline bounds each call, body included, by the time Cognito still waits.
 * A redirect is refused (it could lead phone and code to plain HTTP), and a body over 64 KiB is refused.
 * It calls through `exchange` (node:http), not ky: ky needs fetch, whose first request loads undici and compiles
 * its WebAssembly HTTP parser, about 40 ms of CPU on the first sign-in of every cold start (docs/benchmarks.md).
 */
export class EasyAuthProvider implements CodeKeptByProvider {
  readonly kind = 'kept-by-provider';
  private readonly headers: Readonly<Record<string, string>>;

  constructor(private readonly settings: EasyAuthSettings) {
    this.headers = { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json', accept: 'application/json' };
  }

  async startVerification(phone: PhoneNumber, deadline: Deadline): Promise<void> {
    await this.call('send', { phone }, deadline);
  }

  /** EasyAuth answers only `{success}`: a false is a wrong code (its own expiry is behind the ledger's). */
  async checkCode(phone: PhoneNumber, code: string, deadline: Deadline): Promise<ProviderCheck> {
    const body = await this.call('verify', { phone, code }, deadline);
    const success = (body as { success?: unknown } | null)?.success;
    if (typeof success !== 'boolean') throw new ProviderResponseError('EasyAuth /verify answered without a boolean "success"');
    return success ? 'approved' : 'wrong';
  }

  private async call(path: 'send' | 'verify', json: object, deadline: Deadline): Promise<unknown> {
    let answer;
    try {
      answer = await exchange({
        url: `${this.settings.baseUrl}/${path}`,
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify(json),
        signal: deadline.signal(),
      });
    } catch (error) {
      throw toProviderError(`EasyAuth /${path}`, error);
    }
    const { status, text } = answer;
    if (status < 200 || status >= 300) throw new ProviderRejectedError(`EasyAuth /${path} answered HTTP ${status}`, status);
    if (path === 'send' && text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ProviderResponseError(`EasyAuth /${path} answered HTTP ${status} with malformed JSON`, status, { cause: error });
    }
  }
}
