import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SMS the function published through the local SNS: the number and the text, as SNS got them. */
export interface PublishedSms {
  readonly phone: string;
  readonly message: string;
}

export interface SnsStub {
  /** For AWS_ENDPOINT_URL_SNS. */
  readonly endpoint: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * A local Amazon SNS for the playground's fallback: it answers the query protocol's `Action=Publish` to a
 * `PhoneNumber` as SNS does (an XML PublishResponse) and tells `onSms`; it sends nothing anywhere.
 */
export async function startSnsStub(onSms: (sms: PublishedSms) => void): Promise<SnsStub> {
  let published = 0;
  const server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req).catch(() => ''));
    const phone = form.get('PhoneNumber');
    if (req.method !== 'POST' || form.get('Action') !== 'Publish' || !phone) return reply(res, 400, errorXml('InvalidParameter'));
    published += 1;
    onSms({ phone, message: form.get('Message') ?? '' });
    const id = `playground-${published}`;
    reply(
      res,
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>req-${id}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: string): void {
  if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
}

function errorXml(code: string): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>the playground's SNS takes Publish to a PhoneNumber only</Message></Error><RequestId>req-error</RequestId></ErrorResponse>`;
}
