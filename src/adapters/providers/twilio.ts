import { ERROR_CODES, type ErrorCode, ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../domain/errors';
import type { PhoneNumber } from '../../domain/phone';
import type { FailureCode } from '../../domain/public-failures';
import type { CodeKeptByProvider, Deadline, ProviderCheck } from '../../domain/ports';
import { type ApiClient, apiClient, jsonObject, type ProviderAnswer } from '../http/api-client';

export interface TwilioSettings {
  /** @default https://verify.twilio.com/v2 */
  readonly baseUrl: string;
  /** The Verify service, VA…, checked where it is read (src/adapters/runtime/config.ts); its code length must be the policy's. */
  readonly serviceSid: string;
  /** HTTP Basic credentials: an API key SID (SK…) and its secret, or the account SID (AC…) and auth token. */
  readonly username: string;
  readonly password: string;
  /** The SMS language; when unset, Korean for +82 numbers and Twilio's own choice for the others. */
  readonly locale: string | undefined;
}

export const TWILIO_VERIFY_BASE_URL = 'https://verify.twilio.com/v2';

/** What a check came to. Twilio keeps the code; a 404 means the verification is gone (expired, approved already, or canceled). */
export type TwilioCheckOutcome = { kind: 'approved' } | { kind: 'wrong' } | { kind: 'dead'; reason: 'expired-or-used' | 'max-checks' };

export type TwilioRefusalReason = 'max-checks' | 'max-sends' | 'fraud-block' | 'geo-permission' | 'throttled';

/**
 * Twilio's refusals, each with the words a user may see and the challenge's `refusal` code (contract B)
 * it corresponds to. Sources: twilio.com/docs/api/errors/60202, 60203, 60410, 60605, 20429.
 */
export const TWILIO_REFUSALS: Readonly<
  Record<TwilioRefusalReason, { readonly publicWords: string; readonly publicCode: FailureCode; readonly refusal: string }>
> = {
  'max-checks': { publicWords: 'too many tries for this code, ask for a new one', publicCode: 'too-many-checks', refusal: 'budget' },
  'max-sends': { publicWords: 'too many codes sent to this number, try again in 10 minutes', publicCode: 'too-many-sends', refusal: 'resend-wait' },
  'fraud-block': { publicWords: 'codes cannot be sent to this number right now, try again later', publicCode: 'number-blocked', refusal: 'range' },
  'geo-permission': { publicWords: 'codes cannot be sent to numbers in this country', publicCode: 'country-blocked', refusal: 'country' },
  throttled: { publicWords: 'too many requests, try again shortly', publicCode: 'busy', refusal: 'budget' },
};

const REASON_BY_CODE: Readonly<Record<number, TwilioRefusalReason>> = {
  60202: 'max-checks',
  60203: 'max-sends',
  60410: 'fraud-block',
  60605: 'geo-permission',
};

/**
 * Twilio refused for a reason the user can act on (or wait out); `publicWords` are shown to them. A refusal of
 * this user is no outage (`PROVIDER_REFUSED_USER`, outside the provider-failure alarm); throttling is (`PROVIDER_THROTTLED`).
 */
export class TwilioRefusalError extends ProviderRejectedError {
  override readonly name = 'TwilioRefusalError';
  override readonly code: ErrorCode;
  override readonly userVisible = true;
  override readonly publicWords: string;
  override readonly publicCode: FailureCode;
  readonly refusal: string;
  constructor(
    readonly reason: TwilioRefusalReason,
    readonly twilioCode: number | undefined,
    status: number,
    what: string,
  ) {
    super(`${what} was refused: ${reason} (Twilio ${twilioCode ?? 'no code'}, HTTP ${status})`, status);
    ({ publicWords: this.publicWords, publicCode: this.publicCode, refusal: this.refusal } = TWILIO_REFUSALS[reason]);
    this.code = reason === 'throttled' ? ERROR_CODES.providerThrottled : ERROR_CODES.providerRefusedUser;
  }
}

/**
 * Twilio Verify v2 keeps the code: a Verification POST texts it, a VerificationCheck POST answers `status: approved`
 * or `pending`. Within its 10-minute window Twilio would text the same code again for a pending verification, while
 * the ledger counts answers per send: so each send first cancels the pending verification (a 404 says there is none),
 * and every send is a new code with its own OTP_MAX_ATTEMPTS answers. Nothing is retried.
 */
export class TwilioVerifyProvider implements CodeKeptByProvider {
  readonly kind = 'kept-by-provider';
  private readonly api: ApiClient;
  private readonly service: string;

  constructor(private readonly settings: TwilioSettings) {
    const basic = Buffer.from(`${settings.username}:${settings.password}`).toString('base64');
    this.api = apiClient(settings.baseUrl, { authorization: `Basic ${basic}` });
    this.service = `Services/${settings.serviceSid}`;
  }

  async startVerification(phone: PhoneNumber, deadline: Deadline): Promise<void> {
    await this.cancelPending(phone, deadline);
    const form = new URLSearchParams({ To: phone, Channel: 'sms' });
    const locale = this.settings.locale ?? (phone.startsWith('+82') ? 'ko' : undefined);
    if (locale) form.set('Locale', locale);
    const what = 'Twilio Verify /Verifications';
    const answer = await this.call(`${this.service}/Verifications`, form, deadline, what);
    if (answer.status < 200 || answer.status >= 300) throw failure(answer, what);
    if (typeof jsonObject(answer.text)?.status !== 'string')
      throw new ProviderResponseError(`${what} answered HTTP ${answer.status} without a status`, answer.status);
  }

  async checkCode(phone: PhoneNumber, code: string, deadline: Deadline): Promise<ProviderCheck> {
    return (await this.check(phone, code, deadline)).kind;
  }

  /** The check with its full outcome, for a caller that tells a wrong code from a dead verification. */
  async check(phone: PhoneNumber, code: string, deadline: Deadline): Promise<TwilioCheckOutcome> {
    const what = 'Twilio Verify /VerificationCheck';
    const answer = await this.call(`${this.service}/VerificationCheck`, new URLSearchParams({ To: phone, Code: code }), deadline, what);
    // 20404: no pending verification for this number: it expired, was approved already, or was canceled.
    if (answer.status === 404) return { kind: 'dead', reason: 'expired-or-used' };
    if (answer.status === 429 && twilioCode(answer) === 60202) return { kind: 'dead', reason: 'max-checks' };
    if (answer.status < 200 || answer.status >= 300) throw failure(answer, what);
    const status = jsonObject(answer.text)?.status;
    if (status === 'approved') return { kind: 'approved' };
    if (status === 'pending') return { kind: 'wrong' };
    if (typeof status === 'string') return { kind: 'dead', reason: 'expired-or-used' };
    throw new ProviderResponseError(`${what} answered HTTP ${answer.status} without a status`, answer.status);
  }

  /**
   * Cancels the number's pending verification, if any, so that the send after it texts a new code. Fails closed: if
   * the cancel fails in any way nothing is sent, and the error says so (not a timeout: no SMS can be on its way).
   */
  private async cancelPending(phone: PhoneNumber, deadline: Deadline): Promise<void> {
    const what = 'Twilio Verify /Verifications/{To} (cancel)';
    let answer: ProviderAnswer;
    try {
      answer = await this.call(`${this.service}/Verifications/${encodeURIComponent(phone)}`, new URLSearchParams({ Status: 'canceled' }), deadline, what);
    } catch (error) {
      if (!(error instanceof ProviderTimeoutError)) throw error;
      throw new ProviderUnreachableError(`${what} did not answer in time, so nothing was sent`, undefined, { cause: error });
    }
    // 404 (20404): no pending verification for this number.
    if (answer.status === 404) return;
    if (answer.status < 200 || answer.status >= 300) throw failure(answer, what);
  }

  private async call(path: string, form: URLSearchParams, deadline: Deadline, what: string): Promise<ProviderAnswer> {
    return this.api.post(path, { form }, deadline.signal(), what);
  }
}

/** The `twilio` provider. */
export function createTwilioProvider(settings: TwilioSettings): TwilioVerifyProvider {
  return new TwilioVerifyProvider(settings);
}

/** A failed answer as a typed error; Twilio's `message` can quote the number, so only its numeric `code` is kept. */
function failure(answer: ProviderAnswer, what: string): ProviderRejectedError {
  const code = twilioCode(answer);
  const reason = code === undefined ? undefined : REASON_BY_CODE[code];
  if (reason) return new TwilioRefusalError(reason, code, answer.status, what);
  if (answer.status === 429) return new TwilioRefusalError('throttled', code, answer.status, what);
  return new ProviderRejectedError(`${what} answered HTTP ${answer.status} (Twilio ${code ?? 'no code'})`, answer.status);
}

function twilioCode(answer: ProviderAnswer): number | undefined {
  const code = jsonObject(answer.text)?.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}
