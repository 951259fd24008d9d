import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer } from './local-server';

/** An npm registry that has no package at all: it records each request and answers 404, as npmjs does for a name never published. */
export class EmptyRegistry extends LocalServer {
  readonly requests: string[] = [];

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
  }
}
