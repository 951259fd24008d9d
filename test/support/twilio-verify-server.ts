import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody } from './local-server';

interface Verification {
  readonly sid: string;
  readonly code: string;
  readonly createdAt: number;
  sends: number;
  checks: number;
}

export interface TwilioRequest {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly form: Record<string, string>;
}

/** A stand-in for the next answer: to a send or a check, or (`onCancel`) to the next cancel only. */
export type TwilioFault = ({ status: number; code: number } | { delayMs: number }) & { readonly onCancel?: true };

const WINDOW_MS = 10 * 60 * 1000;
const MAX_SENDS = 5;
const MAX_CHECKS = 5;

/**
 * A local Twilio Verify v2, as its public docs describe it: form-encoded POSTs with HTTP Basic auth
 * (API key SID + secret, or account SID + auth token); `/Services/{VA…}/Verifications` {To, Channel, Locale}
 * starts a verification, and within its 10-minute window sends the same code again (at most 5 sends: 60203);
 * `/Services/{VA…}/VerificationCheck` {To, Code} answers `status: approved | pending` (at most 5 checks: 60202),
 * and 404 (20404) once the verification is approved or expired; `/Services/{VA…}/Verifications/{To}` {Status: canceled}
 * cancels the pending verification (404 when there is none), so that the next send is a new code. Errors are
 * `{code, message, more_info, status}`. `approveAgain` makes it a lenient provider that approves a code more than once.
 */
export class TwilioVerifyServer extends LocalServer {
  readonly serviceSid = `VA${'0123456789abcdef'.repeat(2)}`;
  readonly accountSid = `AC${'fedcba9876543210'.repeat(2)}`;
  readonly apiKeySid = `SK${'00112233445566778899aabbccddeeff'}`;
  readonly apiKeySecret = 'an-api-key-secret-for-tests';
  readonly authToken = 'an-auth-token-for-tests';
  readonly requests: TwilioRequest[] = [];
  readonly faults: TwilioFault[] = [];
  /** Every SMS Twilio would have sent, newest last. */
  readonly texts: { to: string; code: string; locale: string | undefined }[] = [];
  /** Every check Twilio counted, with the code of the verification it was checked against. */
  readonly checks: { to: string; against: string; given: string }[] = [];
  /** A lenient provider: a right code stays approvable (the verification stays pending). */
  approveAgain = false;
  private readonly verifications = new Map<string, Verification>();
  private nextCode = 314159;

  get baseUrl(): string {
    return `${this.origin}/v2`;
  }

  /** The function's settings for this server: OTP_PROVIDER=twilio with its credentials and base URL. */
  handlerEnv(): Record<string, string> {
    return {
      OTP_PROVIDER: 'twilio',
      TWILIO_API_KEY_SID: this.apiKeySid,
      TWILIO_API_KEY_SECRET: this.apiKeySecret,
      TWILIO_VERIFY_SERVICE_SID: this.serviceSid,
      TWILIO_VERIFY_BASE_URL: this.baseUrl,
    };
  }

  lastCode(): string {
    const code = this.texts.at(-1)?.code;
    if (!code) throw new Error('no verification was sent');
    return code;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const path = req.url ?? '';
    this.requests.push({ path, contentType: req.headers['content-type'], form });
    const cancel = path.startsWith(`/v2/Services/${this.serviceSid}/Verifications/`);
    const faultAt = this.faults.findIndex((candidate) => (candidate.onCancel ?? false) === cancel);
    const fault = faultAt < 0 ? undefined : this.faults.splice(faultAt, 1)[0];
    if (fault && 'delayMs' in fault) await this.hold(fault.delayMs);
    if (!this.authorized(req.headers.authorization)) return this.error(res, 401, 20003, 'Authenticate');
    if (fault && 'status' in fault) return this.error(res, fault.status, fault.code, `fault for ${form.To ?? ''}`);
    if (req.method !== 'POST' || !req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return this.error(res, 400, 20001, 'expected a form POST');
    }
    if (cancel) return this.cancel(res, decodeURIComponent(path.slice(`/v2/Services/${this.serviceSid}/Verifications/`.length)), form);
    const to = form.To ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return this.error(res, 400, 60200, `Invalid parameter \`To\`: ${to}`);

    if (path === `/v2/Services/${this.serviceSid}/Verifications`) {
      if (form.Channel !== 'sms') return this.error(res, 400, 60200, 'Invalid parameter: Channel');
      let verification = this.live(to);
      if (verification && verification.sends >= MAX_SENDS) return this.error(res, 429, 60203, 'Max send attempts reached');
      if (!verification) {
        verification = { sid: `VE${String(this.nextCode).padStart(32, '0')}`, code: String(this.nextCode++), createdAt: Date.now(), sends: 0, checks: 0 };
        this.verifications.set(to, verification);
      }
      verification.sends++;
      this.texts.push({ to, code: verification.code, locale: form.Locale });
      return this.reply(res, 201, this.resource(to, verification, 'pending'));
    }
    if (path === `/v2/Services/${this.serviceSid}/VerificationCheck`) {
      const verification = this.live(to);
      if (!verification) return this.error(res, 404, 20404, 'The requested resource was not found');
      if (verification.checks >= MAX_CHECKS) return this.error(res, 429, 60202, 'Max check attempts reached');
      verification.checks++;
      this.checks.push({ to, against: verification.code, given: form.Code ?? '' });
      if (form.Code !== verification.code) return this.reply(res, 200, this.resource(to, verification, 'pending'));
      if (!this.approveAgain) this.verifications.delete(to);
      return this.reply(res, 200, this.resource(to, verification, 'approved'));
    }
    return this.error(res, 404, 20404, 'The requested resource was not found');
  }

  /** Update a Verification: `Status=canceled` by the number (or the VE… sid); 404 when none is pending. */
  private cancel(res: ServerResponse, id: string, form: Record<string, string>): void {
    if (form.Status !== 'canceled') return this.error(res, 400, 60200, 'Invalid parameter: Status');
    const to = [...this.verifications.keys()].find((key) => key === id || this.verifications.get(key)?.sid === id) ?? id;
    const verification = this.live(to);
    if (!verification) return this.error(res, 404, 20404, 'The requested resource was not found');
    this.verifications.delete(to);
    return this.reply(res, 200, this.resource(to, verification, 'canceled'));
  }

  private live(to: string): Verification | undefined {
    const verification = this.verifications.get(to);
    if (verification && Date.now() - verification.createdAt > WINDOW_MS) this.verifications.delete(to);
    return this.verifications.get(to);
  }

  private authorized(header: string | undefined): boolean {
    const [scheme, encoded] = (header ?? '').split(' ');
    if (scheme !== 'Basic' || !encoded) return false;
    const pair = Buffer.from(encoded, 'base64').toString('utf8');
    return pair === `${this.apiKeySid}:${this.apiKeySecret}` || pair === `${this.accountSid}:${this.authToken}`;
  }

  private resource(to: string, verification: Verification, status: string): object {
    return {
      sid: verification.sid,
      service_sid: this.serviceSid,
      account_sid: this.accountSid,
      to,
      channel: 'sms',
      status,
      valid: status === 'approved',
      date_created: new Date(verification.createdAt).toISOString(),
    };
  }

  private error(res: ServerResponse, status: number, code: number, message: string): void {
    this.reply(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  }

  private reply(res: ServerResponse, status: number, body: object): void {
    if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
