import { createHmac, randomBytes } from 'node:crypto';
// The same metadata the phone inspector loads (/max), so the bundle carries one copy of it.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { ProviderRejectedError, ProviderResponseError } from '../../domain/errors';
import type { PhoneNumber } from '../../domain/phone';
import type { CodeMadeHere, Deadline } from '../../domain/ports';
import { type ApiClient, apiClient, jsonObject } from '../http/api-client';
import type { SolapiSettings } from '../runtime/provider-config';
import { fillTemplate } from './sms-bytes';
import { SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../settings/definitions';

export const SOLAPI_BASE_URL = 'https://api.solapi.com';
export { SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../settings/definitions';
const SEND_PATH = 'messages/v4/send';
/** Solapi's status code for a message it accepted ("정상 접수"). */
const ACCEPTED = '2000';

/**
 * Solapi's HMAC-SHA256 `Authorization` header: the signature is the hex HMAC-SHA256 of `date + salt`
 * under the API secret; `date` is ISO 8601 and must be within Solapi's clock window, `salt` is random per request.
 */
export function solapiAuthorization(apiKey: string, apiSecret: string, date: string, salt: string): string {
  const signature = createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
}

/** Solapi takes Korean numbers in their national form (01012345678) and others as national digits with `country`. */
export function solapiRecipient(phone: PhoneNumber): { to: string; country?: string } {
  if (phone.startsWith('+82')) return { to: `0${phone.slice(3)}` };
  const parsed = parsePhoneNumberWithError(phone);
  return { to: parsed.nationalNumber, country: parsed.countryCallingCode };
}

/**
 * Texts a code made here through Solapi's single-message send, always as type SMS (never silently as a dearer LMS).
 * Its settings are checked once, where they are read (src/adapters/runtime/config.ts): a registered sender, templates that fit one SMS.
 */
export class SolapiSmsDelivery implements CodeMadeHere {
  readonly kind = 'made-here';
  private readonly api: ApiClient;

  constructor(
    private readonly settings: SolapiSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.api = apiClient(settings.baseUrl);
  }

  async deliver(phone: PhoneNumber, code: string, deadline: Deadline): Promise<void> {
    const template = this.settings.template ?? (phone.startsWith('+82') ? SOLAPI_KOREAN_TEMPLATE : SOLAPI_ENGLISH_TEMPLATE);
    const message = { ...solapiRecipient(phone), from: this.settings.sender, text: fillTemplate(template, this.settings.appName, code), type: 'SMS' };
    const authorization = solapiAuthorization(this.settings.apiKey, this.settings.apiSecret, this.now().toISOString(), randomBytes(16).toString('hex'));
    const answer = await this.api.post(SEND_PATH, { json: { message } }, deadline.signal(), `Solapi /${SEND_PATH}`, { authorization });
    const body = jsonObject(answer.text);
    if (answer.status < 200 || answer.status >= 300) {
      // errorMessage can quote the number, so only the errorCode is kept, and only if it looks like one.
      throw new ProviderRejectedError(`Solapi /${SEND_PATH} answered HTTP ${answer.status}: ${safeCode(body?.errorCode)}`, answer.status);
    }
    if (!body || typeof body.statusCode !== 'string') {
      throw new ProviderResponseError(`Solapi /${SEND_PATH} answered HTTP ${answer.status} without a statusCode`, answer.status);
    }
    if (body.statusCode !== ACCEPTED) {
      throw new ProviderRejectedError(`Solapi /${SEND_PATH} did not accept the message: statusCode ${safeCode(body.statusCode)}`, answer.status);
    }
  }
}

/** The `solapi` provider: codes made and checked here, as for `sns`, delivered by Solapi. */
export function createSolapiProvider(settings: SolapiSettings): CodeMadeHere {
  return new SolapiSmsDelivery(settings);
}

function safeCode(code: unknown): string {
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'no error code';
}
