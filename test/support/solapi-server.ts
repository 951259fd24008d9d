import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eucKrBytes } from '../../src/adapters/providers/sms-bytes';
import { LocalServer, readBody } from './local-server';

export interface SolapiMessage {
  readonly to: string;
  readonly from: string;
  readonly text: string;
  readonly type: string | undefined;
  readonly country: string | undefined;
}

export type SolapiFault = { status: number; errorCode: string; errorMessage?: string } | { statusCode: string } | { delayMs: number };

/**
 * A local Solapi message API, as its public docs and SDK describe it: `POST /messages/v4/send` with a JSON
 * `{message: {to, from, text, type, country?}}`, an `Authorization: HMAC-SHA256 apiKey=…, date=…, salt=…, signature=…`
 * header whose signature is hex HMAC-SHA256(date + salt) under the API secret, errors as `{errorCode, errorMessage}`,
 * and an accepted message answered with `statusCode: "2000"`.
 */
export class SolapiServer extends LocalServer {
  readonly sent: SolapiMessage[] = [];
  readonly faults: SolapiFault[] = [];
  readonly authorizations: string[] = [];
  private readonly salts = new Set<string>();

  constructor(
    readonly apiKey = 'NCSTESTKEY0123456',
    readonly apiSecret = 'TESTSECRET0123456789ABCDEFGHIJKL',
    readonly sender = '0212345678',
  ) {
    super();
  }

  lastCode(): string {
    const code = /\d{4,10}/.exec(this.sent.at(-1)?.text ?? '')?.[0];
    if (!code) throw new Error('no SMS was sent');
    return code;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const fault = this.faults.shift();
    if (fault && 'delayMs' in fault) await this.hold(fault.delayMs);
    if (req.method !== 'POST' || req.url !== '/messages/v4/send') return this.error(res, 404, 'NotFound', 'not found');
    const authProblem = this.checkAuthorization(req.headers.authorization);
    if (authProblem) return this.error(res, 401, authProblem, 'authentication failed');
    if (fault && 'status' in fault) return this.error(res, fault.status, fault.errorCode, fault.errorMessage ?? 'fault');

    let message: Partial<SolapiMessage>;
    try {
      message = (JSON.parse(text) as { message?: Partial<SolapiMessage> }).message ?? {};
    } catch {
      return this.error(res, 400, 'ValidationError', 'body is not JSON');
    }
    const { to, from, type, country } = message;
    if (typeof to !== 'string' || !/^\d{5,15}$/.test(to)) return this.error(res, 400, 'ValidationError', `invalid recipient ${String(to)}`);
    if (from !== this.sender) return this.error(res, 400, 'ValidationError', 'the sender number is not registered');
    if (typeof message.text !== 'string' || message.text === '') return this.error(res, 400, 'ValidationError', 'text is required');
    if (type === 'SMS' && eucKrBytes(message.text) > 90) return this.error(res, 400, 'ValidationError', 'an SMS holds 90 bytes');
    this.sent.push({ to, from, text: message.text, type, country });

    const statusCode = fault && 'statusCode' in fault ? fault.statusCode : '2000';
    this.reply(res, 200, {
      groupId: `G4V${this.sent.length}`,
      messageId: `M4V${this.sent.length}`,
      accountId: '12345',
      to,
      from,
      type: type ?? 'SMS',
      country: country ?? '82',
      statusCode,
      statusMessage: statusCode === '2000' ? '정상 접수(이통사로 접수 예정) ' : 'refused',
    });
  }

  private checkAuthorization(header: string | undefined): string | undefined {
    const match = /^HMAC-SHA256 apiKey=([^,]+), date=([^,]+), salt=([^,]+), signature=([0-9a-f]{64})$/.exec(header ?? '');
    if (!match) return 'InvalidAuthorizationHeader';
    const [, apiKey, date, salt, signature] = match;
    this.authorizations.push(header!);
    if (apiKey !== this.apiKey) return 'InvalidAPIKey';
    if (Math.abs(Date.parse(date!) - Date.now()) > 15 * 60 * 1000 || Number.isNaN(Date.parse(date!))) return 'RequestTimeTooSkewed';
    if (this.salts.has(salt!)) return 'DuplicatedSignature';
    const expected = createHmac('sha256', this.apiSecret)
      .update(date! + salt!)
      .digest('hex');
    if (signature !== expected) return 'SignatureDoesNotMatch';
    this.salts.add(salt!);
    return undefined;
  }

  private error(res: ServerResponse, status: number, errorCode: string, errorMessage: string): void {
    this.reply(res, status, { errorCode, errorMessage });
  }

  private reply(res: ServerResponse, status: number, body: object): void {
    if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}
