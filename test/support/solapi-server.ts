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

export type SolapiFault = { status: number; errorCode: string; errorMessage?: string } | { statusCode: string } | { delayMs: number } | { body: string };

/** An AlimTalk as `messages/v4/send-many/detail` received it: the message, its Kakao options, its replacement SMS. */
export interface SolapiAlimTalk {
  readonly message: Record<string, unknown>;
  readonly kakaoOptions: Record<string, unknown>;
  readonly replacements: readonly Partial<SolapiMessage>[];
}

/** The channel and approved template the stub's account holds, and the one variable that template has. */
export const STUB_KAKAO = { pfId: 'KA01PF190227072057634pRBhbpAw1w1', templateId: 'KA01TP210129012740053ATI51TEvmcC', codeVariable: '#{인증번호}' } as const;

/**
 * A local Solapi message API, as its public docs and SDK describe it: `POST /messages/v4/send` with a JSON
 * `{message: {to, from, text, type, country?}}`, an `Authorization: HMAC-SHA256 apiKey=…, date=…, salt=…, signature=…`
 * header whose signature is hex HMAC-SHA256(date + salt) under the API secret, errors as `{errorCode, errorMessage}`,
 * and an accepted message answered with `statusCode: "2000"`.
 *
 * And AlimTalk as Solapi's SDK (solapi-nodejs, src/services/messages/messageService.ts) and examples (solapi-asp,
 * examples/send_replacement.asp) send it: `POST /messages/v4/send-many/detail` with `{messages: [{to, from, type: "ATA",
 * kakaoOptions: {pfId, templateId, variables, disableSms}, replacements: [{to, from, text}]}]}`, answered
 * `{failedMessageList, groupInfo}`; a message it refuses is listed in failedMessageList with its status code
 * (api-reference/message-status-codes.md in solapi/documents: 1041 not a channel, 1042 not a template, 1043 not the template's content).
 */
export class SolapiServer extends LocalServer {
  readonly sent: SolapiMessage[] = [];
  readonly faults: SolapiFault[] = [];
  readonly authorizations: string[] = [];
  readonly alimTalks: SolapiAlimTalk[] = [];
  private readonly salts = new Set<string>();
  /** The code in the last thing sent, an SMS's text or an AlimTalk's variable. */
  private lastSent = '';

  constructor(
    readonly apiKey = 'NCSTESTKEY0123456',
    readonly apiSecret = 'TESTSECRET0123456789ABCDEFGHIJKL',
    readonly sender = '0212345678',
  ) {
    super();
  }

  lastCode(): string {
    const code = /\d{4,10}/.exec(this.lastSent)?.[0];
    if (!code) throw new Error('nothing was sent');
    return code;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const fault = this.faults.shift();
    if (fault && 'delayMs' in fault) await this.hold(fault.delayMs);
    const many = req.url === '/messages/v4/send-many/detail';
    if (req.method !== 'POST' || (req.url !== '/messages/v4/send' && !many)) return this.error(res, 404, 'NotFound', 'not found');
    const authProblem = this.checkAuthorization(req.headers.authorization);
    if (authProblem) return this.error(res, 401, authProblem, 'authentication failed');
    if (fault && 'status' in fault) return this.error(res, fault.status, fault.errorCode, fault.errorMessage ?? 'fault');
    if (fault && 'body' in fault) return void res.writeHead(200, { 'content-type': 'application/json' }).end(fault.body);
    if (many) return this.sendMany(res, text, fault && 'statusCode' in fault ? fault.statusCode : undefined);

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
    this.lastSent = message.text;

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

  /** One AlimTalk in `messages`, checked as Solapi and Kakao check it; a refusal goes in failedMessageList. */
  private sendMany(res: ServerResponse, text: string, forcedStatus: string | undefined): void {
    let messages: unknown;
    try {
      messages = (JSON.parse(text) as { messages?: unknown }).messages;
    } catch {
      return this.error(res, 400, 'ValidationError', 'body is not JSON');
    }
    if (!Array.isArray(messages) || messages.length !== 1) return this.error(res, 400, 'ValidationError', 'this stub takes one message');
    const message = messages[0] as Record<string, unknown>;
    const kakaoOptions = (message.kakaoOptions ?? {}) as Record<string, unknown>;
    const replacements = (message.replacements ?? []) as Partial<SolapiMessage>[];
    const statusCode = forcedStatus ?? this.alimTalkProblem(message, kakaoOptions, replacements) ?? '2000';
    const to = String(message.to);
    if (statusCode === '2000') {
      this.alimTalks.push({ message, kakaoOptions, replacements });
      this.lastSent = String((kakaoOptions.variables as Record<string, unknown>)[STUB_KAKAO.codeVariable]);
    }
    const failed =
      statusCode === '2000'
        ? []
        : [{ to, from: String(message.from), type: 'ATA', country: '82', messageId: 'M4V0', statusCode, statusMessage: 'refused', accountId: '12345' }];
    this.reply(res, 200, {
      failedMessageList: failed,
      groupInfo: {
        groupId: `G4V${this.alimTalks.length}`,
        status: 'SENDING',
        count: { total: 1, registeredFailed: failed.length, registeredSuccess: 1 - failed.length },
      },
    });
  }

  private alimTalkProblem(
    message: Record<string, unknown>,
    kakao: Record<string, unknown>,
    replacements: readonly Partial<SolapiMessage>[],
  ): string | undefined {
    if (message.type !== 'ATA') return '1025';
    if (typeof message.to !== 'string' || !/^\d{5,15}$/.test(message.to)) return '1011';
    if (kakao.pfId !== STUB_KAKAO.pfId) return '1041';
    if (kakao.templateId !== STUB_KAKAO.templateId) return '1042';
    // Only the template's own variable may be filled, and no text of ours: anything else is not the approved content.
    const variables = (kakao.variables ?? {}) as Record<string, unknown>;
    if (message.text !== undefined || Object.keys(variables).join() !== STUB_KAKAO.codeVariable || typeof variables[STUB_KAKAO.codeVariable] !== 'string')
      return '1043';
    if (kakao.disableSms !== false && kakao.disableSms !== undefined) return undefined;
    for (const sms of replacements) {
      if (sms.from !== this.sender) return '1062';
      if (sms.to !== message.to || typeof sms.text !== 'string' || sms.text === '') return '1010';
    }
    return undefined;
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
