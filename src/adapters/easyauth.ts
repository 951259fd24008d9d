import ky, { HTTPError, type KyInstance } from 'ky';
import type { ProviderError } from '../domain/errors';
import { ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../domain/errors';
import type { CodeCheck, CodeRequest, Deadline, OtpProvider } from '../domain/ports';

export interface EasyAuthSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/**
 * EasyAuth keeps the code and its expiry itself: `/send` texts a code, `/verify`
 * answers `{success}`. Nothing is retried, since a repeated `/send` is a second SMS;
 * the caller's deadline bounds each call by the time Cognito still waits.
 */
export class EasyAuthProvider implements OtpProvider {
  private readonly api: KyInstance;

  constructor(settings: EasyAuthSettings) {
    this.api = ky.create({
      prefixUrl: settings.baseUrl,
      headers: { authorization: `Bearer ${settings.apiKey}` },
      retry: 0,
      timeout: false,
    });
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
    let response: Response;
    try {
      response = await this.api.post(path, { json, signal: deadline.signal() });
    } catch (error) {
      throw toProviderError(path, error);
    }
    const text = await response.text().catch((error: unknown) => {
      throw toProviderError(path, error);
    });
    if (path === 'send' && text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ProviderResponseError(`EasyAuth /${path} answered HTTP ${response.status} with malformed JSON`, response.status, { cause: error });
    }
  }
}

function toProviderError(path: string, error: unknown): ProviderError {
  // The HTTPError is not kept as the cause: its request carries the bearer key.
  if (error instanceof HTTPError) {
    return new ProviderRejectedError(`EasyAuth /${path} answered HTTP ${error.response.status}`, error.response.status);
  }
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderTimeoutError(`EasyAuth /${path} did not answer before the trigger deadline`, undefined, { cause: error });
  }
  return new ProviderUnreachableError(`EasyAuth /${path} could not be reached`, undefined, { cause: error });
}
