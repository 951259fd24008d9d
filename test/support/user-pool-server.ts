import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PoolCall {
  readonly target: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** A local user-pool API speaking Cognito's JSON protocol, for the one call the function makes. */
export class UserPoolServer {
  readonly calls: PoolCall[] = [];
  readonly faults: { status: number; type: string }[] = [];
  private server: Server | undefined;

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const target = req.headers['x-amz-target'] as string | undefined;
      this.calls.push({ target, contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const fault = this.faults.shift();
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': fault.type });
        res.end(JSON.stringify({ __type: fault.type, message: 'User 7d8e9f00 does not exist.' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{}');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
