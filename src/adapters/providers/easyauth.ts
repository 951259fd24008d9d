import { ProviderRejectedError, ProviderResponseError } from '../../domain/errors';
import type { PhoneNumber } from '../../domain/phone';
import type { CodeKeptByProvider, Deadline, ProviderCheck } from '../../domain/ports';
import { type ApiClient, apiClient } from '../http/api-client';

export interface EasyAuthSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/**
 * EasyAuth keeps the code and its expiry itself: `/send` texts a code, `/verify`
 * answers `{success}`. Nothing is retried, since a repeated `/send` is a second SMS;
 * the caller's deadline bounds each call, body included, by the time Cognito still waits.
 * A redirect is refused (it could lead phone and code to plain HTTP), and a body over 64 KiB is refused
 * (the one outbound path, src/adapters/http/exchange.ts).
 */
export class EasyAuthProvider implements CodeKeptByProvider {
  readonly kind = 'kept-by-provider';
  private readonly api: ApiClient;

  constructor(settings: EasyAuthSettings) {
    this.api = apiClient(settings.baseUrl, { authorization: `Bearer ${settings.apiKey}` });
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
    const { status, text } = await this.api.post(path, { json }, deadline.signal(), `EasyAuth /${path}`);
    if (status < 200 || status >= 300) throw new ProviderRejectedError(`EasyAuth /${path} answered HTTP ${status}`, status);
    if (path === 'send' && text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ProviderResponseError(`EasyAuth /${path} answered HTTP ${status} with malformed JSON`, status, { cause: error });
    }
  }
}
