import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody, refusedOrigin } from './local-server';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/**
 * A stand-in for one answer: a status with a body, a delay before the normal answer, or a hostile answer:
 * a redirect to `location`, a body of `streamBytes` streamed with no content-length, or a body that starts and never ends.
 */
export type Fault = { status: number; body?: string } | { delayMs: number } | { redirectTo: string } | { streamBytes: number } | { stallBody: true };

/**
 * A local EasyAuth: `POST /v1/send {phone}` texts a code (kept here, readable by tests),
 * `POST /v1/verify {phone, code}` answers `{success}`. Codes expire and are single-use.
 */
export class EasyAuthServer extends LocalServer {
  readonly received: ReceivedRequest[] = [];
  readonly codes = new Map<string, string>();
  readonly faults: Fault[] = [];
  /** A lenient provider: a right code stays valid after it is approved (single use no longer holds). */
  approveAgain = false;
  /** Bytes of hostile bodies actually written, to show a reader stopped early. */
  streamedBytes = 0;
  private nextCode = 100000;

  constructor(readonly apiKey = 'test-key-0123456789') {
    super();
  }

  get baseUrl(): string {
    return `${this.origin}/v1`;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    this.received.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
    });

    const fault = this.faults.shift();
    if (fault && 'status' in fault) return this.reply(res, fault.status, fault.body ?? JSON.stringify({ error: 'fault' }));
    if (fault && 'redirectTo' in fault) return void res.writeHead(307, { location: fault.redirectTo }).end();
    if (fault && 'streamBytes' in fault) return this.stream(res, fault.streamBytes);
    if (fault && 'stallBody' in fault) return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"success":');
    if (fault) await this.hold(fault.delayMs);

    if (req.method !== 'POST') return this.reply(res, 405, '{"error":"method not allowed"}');
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return this.reply(res, 401, '{"error":"invalid api key"}');
    const { phone, code } = (body ?? {}) as { phone?: unknown; code?: unknown };
    if (typeof phone !== 'string') return this.reply(res, 400, '{"error":"phone is required"}');

    if (req.url === '/v1/send') {
      const sent = String(this.nextCode++);
      this.codes.set(phone, sent);
      return this.reply(res, 200, JSON.stringify({ success: true }));
    }
    if (req.url === '/v1/verify') {
      const success = typeof code === 'string' && this.codes.get(phone) === code;
      if (success && !this.approveAgain) this.codes.delete(phone);
      return this.reply(res, 200, JSON.stringify({ success }));
    }
    return this.reply(res, 404, '{"error":"not found"}');
  }

  /** Writes `bytes` of JSON-looking text, waiting for the reader (backpressure), until done or the reader goes away. */
  private async stream(res: ServerResponse, bytes: number): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 32);
    while (this.streamedBytes < bytes && !res.destroyed) {
      this.streamedBytes += chunk.length;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    res.end();
  }

  private reply(res: ServerResponse, status: number, body: string): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  }
}

/** An EasyAuth base URL on this machine where nothing listens. */
export async function refusedUrl(): Promise<string> {
  return `${await refusedOrigin()}/v1`;
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
