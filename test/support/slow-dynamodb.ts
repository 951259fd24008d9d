import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody } from './local-server';

/**
 * A proxy in front of the run's dynalite that answers each call `delayMs` late, as DynamoDB in a region does
 * (a few ms per round trip), so that timing tests see what each ledger call costs. Records each call as its
 * operation and the kind of item it names, e.g. `UpdateItem phone` or `UpdateItem budget` (the key's first part).
 */
export class SlowDynamoDb extends LocalServer {
  readonly calls: string[] = [];
  /** Each call with its body and when it was in flight (performance.now(), this process's clock). */
  readonly timeline: { readonly call: string; readonly body: string; readonly started: number; ended: number; refused: boolean }[] = [];

  constructor(
    private readonly upstream: string,
    private readonly delayMs: number,
  ) {
    super();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const call = `${target.split('.').pop() ?? target} ${itemKind(body)}`;
    this.calls.push(call);
    const entry = { call, body, started, ended: started, refused: false };
    this.timeline.push(entry);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    const [answer] = await Promise.all([
      fetch(this.upstream, { method: req.method ?? 'POST', headers, body }),
      new Promise((resolve) => setTimeout(resolve, this.delayMs)),
    ]);
    const text = await answer.text();
    entry.ended = performance.now();
    entry.refused = text.includes('ConditionalCheckFailedException');
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.0' }).end(text);
  }
}

/** The kind of item a call names: the first part of its key `pk` (phone, range, budget), or '-' for none. */
function itemKind(body: string): string {
  try {
    const pk = (JSON.parse(body) as { Key?: { pk?: { S?: string } } }).Key?.pk?.S;
    return pk?.split('#')[0] ?? '-';
  } catch {
    return '-';
  }
}
