import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody } from './local-server';

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
export class SnsServer extends LocalServer {
  readonly published: Publish[] = [];
  readonly faults: SnsFault[] = [];

  /** The code in the last SMS: the first run of digits in its text. */
  lastCode(): string {
    const code = /\d{4,10}/.exec(this.published.at(-1)?.message ?? '')?.[0];
    if (!code) throw new Error('no SMS was published');
    return code;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));

    const fault = this.faults.shift();
    if (fault && 'status' in fault) return this.reply(res, fault.status, errorXml(fault.code));
    if (fault) await this.hold(fault.delayMs);
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
