import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody, refusedOrigin } from './local-server';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** A stand-in for one answer: a status with a body, or a delay before the normal answer. */
export type Fault = { status: number; body?: string } | { delayMs: number };

/**
 * A local EasyAuth: `POST /v1/send {phone}` texts a code (kept here, readable by tests),
 * `POST /v1/verify {phone, code}` answers `{success}`. Codes expire and are single-use.
 */
export class EasyAuthServer extends LocalServer {
  readonly received: ReceivedRequest[] = [];
  readonly codes = new Map<string, string>();
  readonly faults: Fault[] = [];
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
    if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

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
      if (success) this.codes.delete(phone);
      return this.reply(res, 200, JSON.stringify({ success }));
    }
    return this.reply(res, 404, '{"error":"not found"}');
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
