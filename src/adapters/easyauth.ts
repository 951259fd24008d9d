import { ProviderRejectedError, ProviderResponseError } from '../domain/errors';
import type { CodeCheck, CodeRequest, Deadline, OtpProvider } from '../domain/ports';
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
export class EasyAuthProvider implements OtpProvider {
  private readonly headers: Readonly<Record<string, string>>;

  constructor(private readonly settings: EasyAuthSettings) {
    this.headers = { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json', accept: 'application/json' };
  }

  async sendCode(request: CodeRequest, deadline: Deadline): Promise<string> {
    await this.call('send', { phone: request.phone }, deadline);
    return '';
  }

  async checkCode(check: CodeCheck, deadline: Deadline): Promise<boolean> {
    const body = await this.call('verify', { phone: check.phone, code: check.code }, deadline);
    const success = (body as { success?: unknown } | null)?.success;
    if (typeof success !== 'boolean') throw new ProviderResponseError('EasyAuth /verify answered without a boolean "success"');
    return success;
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
