import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Publish {
  readonly phoneNumber: string | undefined;
  readonly message: string | undefined;
  /** MessageAttributes as name → StringValue. */
  readonly attributes: Record<string, string>;
  readonly authorization: string | undefined;
}

export type SnsFault = { status: number; code: string } | { delayMs: number };

/**
 * A local Amazon SNS speaking the query protocol the SDK uses: form-encoded
 * `Action=Publish`, answered with an XML `PublishResponse` or an XML `ErrorResponse`.
 */
export class SnsServer {
  readonly published: Publish[] = [];
  readonly faults: SnsFault[] = [];
  private server: Server | undefined;

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The code in the last SMS: the first run of digits in its text. */
  lastCode(): string {
    const code = /\d{4,10}/.exec(this.published.at(-1)?.message ?? '')?.[0];
    if (!code) throw new Error('no SMS was published');
    return code;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));

    const fault = this.faults.shift();
    if (fault && 'status' in fault) return this.reply(res, fault.status, errorXml(fault.code));
    if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (form.get('Action') !== 'Publish') return this.reply(res, 400, errorXml('InvalidAction'));
    if (!form.get('PhoneNumber')) return this.reply(res, 400, errorXml('InvalidParameter'));

    this.published.push({
      phoneNumber: form.get('PhoneNumber') ?? undefined,
      message: form.get('Message') ?? undefined,
      attributes: attributesOf(form),
      authorization: req.headers.authorization,
    });
    const id = `msg-${this.published.length}`;
    this.reply(
      res,
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>req-${id}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }

  private reply(res: ServerResponse, status: number, body: string): void {
    if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
  }
}

function attributesOf(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    attributes[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] = form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  return attributes;
}

function errorXml(code: string): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>Rate exceeded for +821012345678</Message></Error><RequestId>req-error</RequestId></ErrorResponse>`;
}

export const TEST_AWS_ENV = {
  AWS_REGION: 'ap-northeast-2',
  AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
  AWS_SECRET_ACCESS_KEY: 'local-test-secret',
} as const;
