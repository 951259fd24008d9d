import { createHmac, randomBytes } from 'node:crypto';
// The same metadata the phone inspector loads (/max), so the bundle carries one copy of it.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { ProviderRejectedError, ProviderResponseError } from '../../domain/errors';
import type { PhoneNumber } from '../../domain/phone';
import type { CodeMadeHere, Deadline } from '../../domain/ports';
import { type ApiClient, apiClient, jsonObject } from '../http/api-client';
import type { SolapiKakaoSettings, SolapiSettings } from '../runtime/provider-config';
import { fillTemplate } from './sms-bytes';
import { SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../settings/definitions';

export const SOLAPI_BASE_URL = 'https://api.solapi.com';
export { SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../settings/definitions';
const SEND_PATH = 'messages/v4/send';
/** The group send, the one Solapi's SDK and examples send AlimTalk with its replacement SMS through. */
const SEND_MANY_PATH = 'messages/v4/send-many/detail';
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
 * Sends a code made here through Solapi: as one SMS by its single-message send, always as type SMS (never silently
 * as a dearer LMS); or, with a KakaoTalk channel and an approved template, as an AlimTalk (type ATA) with the same
 * SMS as Solapi's replacement (대체발송) for phones without KakaoTalk. Its settings are checked once, where they are
 * read (src/adapters/runtime/provider-config.ts): a registered sender, texts that fit one SMS, all three AlimTalk settings or none.
 */
export class SolapiSmsDelivery implements CodeMadeHere {
  readonly kind = 'made-here';
  readonly channel?: 'alimtalk';
  private readonly api: ApiClient;

  constructor(
    private readonly settings: SolapiSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.api = apiClient(settings.baseUrl);
    if (settings.kakao) this.channel = 'alimtalk';
  }

  async deliver(phone: PhoneNumber, code: string, deadline: Deadline): Promise<void> {
    const template = this.settings.template ?? (phone.startsWith('+82') ? SOLAPI_KOREAN_TEMPLATE : SOLAPI_ENGLISH_TEMPLATE);
    const sms = { ...solapiRecipient(phone), from: this.settings.sender, text: fillTemplate(template, this.settings.appName, code) };
    if (this.settings.kakao) await this.sendAlimTalk(alimTalk(sms, this.settings.kakao, code), deadline);
    else await this.sendSms({ ...sms, type: 'SMS' }, deadline);
  }

  /** The single send answers one message's `statusCode`: 2000 accepted, any other refused. */
  private async sendSms(message: object, deadline: Deadline): Promise<void> {
    const { status, body } = await this.send(SEND_PATH, { message }, deadline);
    if (!body || typeof body.statusCode !== 'string') {
      throw new ProviderResponseError(`Solapi /${SEND_PATH} answered HTTP ${status} without a statusCode`, status);
    }
    if (body.statusCode !== ACCEPTED) {
      throw new ProviderRejectedError(`Solapi /${SEND_PATH} did not accept the message: statusCode ${safeCode(body.statusCode)}`, status);
    }
  }

  /** The group send answers `{failedMessageList, groupInfo}`: with one message sent, any entry in the list is ours, refused. */
  private async sendAlimTalk(message: object, deadline: Deadline): Promise<void> {
    const { status, body } = await this.send(SEND_MANY_PATH, { messages: [message] }, deadline);
    if (!body || !Array.isArray(body.failedMessageList) || !isObject(body.groupInfo)) {
      throw new ProviderResponseError(`Solapi /${SEND_MANY_PATH} answered HTTP ${status} without a failedMessageList and a groupInfo`, status);
    }
    // Refused before anything went out (e.g. 1042, a template Solapi does not know): only its status code is kept.
    const failed: unknown = body.failedMessageList[0];
    if (failed !== undefined) {
      const statusCode = isObject(failed) ? failed.statusCode : undefined;
      throw new ProviderRejectedError(`Solapi /${SEND_MANY_PATH} did not accept the AlimTalk: statusCode ${safeCode(statusCode)}`, status);
    }
  }

  /** One signed POST; a refusal (any status but 2xx) is thrown, an accepted answer's JSON body returned (undefined when it is not JSON). */
  private async send(path: string, json: object, deadline: Deadline): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
    const authorization = solapiAuthorization(this.settings.apiKey, this.settings.apiSecret, this.now().toISOString(), randomBytes(16).toString('hex'));
    const answer = await this.api.post(path, { json }, deadline.signal(), `Solapi /${path}`, { authorization });
    const body = jsonObject(answer.text);
    if (answer.status < 200 || answer.status >= 300) {
      // errorMessage can quote the number, so only the errorCode is kept, and only if it looks like one.
      throw new ProviderRejectedError(`Solapi /${path} answered HTTP ${answer.status}: ${safeCode(body?.errorCode)}`, answer.status);
    }
    return { status: answer.status, body };
  }
}

/**
 * The AlimTalk as Solapi's API reference and SDK take it (docs/providers.md cites them): only the template's variable,
 * since Kakao refuses text that differs from the approved template; and the SMS, from the registered sender, as the
 * replacement Solapi sends when the AlimTalk cannot be delivered (`disableSms: false`, the text in `replacements`).
 */
function alimTalk(sms: { to: string; country?: string; from: string; text: string }, kakao: SolapiKakaoSettings, code: string) {
  const { to, country, from } = sms;
  return {
    to,
    ...(country !== undefined && { country }),
    from,
    type: 'ATA',
    kakaoOptions: { pfId: kakao.pfId, templateId: kakao.templateId, variables: { [kakao.codeVariable]: code }, disableSms: false },
    replacements: [sms],
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `solapi` provider: codes made and checked here, as for `sns`, delivered by Solapi. */
export function createSolapiProvider(settings: SolapiSettings): CodeMadeHere {
  return new SolapiSmsDelivery(settings);
}

function safeCode(code: unknown): string {
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'no error code';
}
