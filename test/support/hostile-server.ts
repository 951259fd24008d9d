import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody } from './local-server';

export type Hostility = 'redirect' | 'huge' | 'slow-body';

/** A stand-in for an AWS endpoint gone bad: it redirects, streams a huge body, or starts a body and never ends it. */
export class HostileServer extends LocalServer {
  /** Requests that reached a target elsewhere: a redirect must never lead here. */
  readonly followed: string[] = [];
  behaviour: Hostility = 'redirect';

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readBody(req);
    if (req.url === '/elsewhere') {
      this.followed.push(req.method ?? '');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{"SecretString":"followed"}');
      return;
    }
    switch (this.behaviour) {
      case 'redirect':
        res.writeHead(307, { location: `${this.origin}/elsewhere` }).end();
        return;
      case 'huge': {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        const chunk = Buffer.alloc(64 * 1024, 32);
        for (let i = 0; i < 64 && !res.destroyed; i++) res.write(chunk);
        res.end();
        return;
      }
      case 'slow-body':
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.write('{');
        return;
    }
  }
}
