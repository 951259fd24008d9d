import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, vi } from 'vitest';
import { stubAwsEnv } from './aws-env';
import { LocalServer, readBody } from './local-server';

export interface PoolCall {
  readonly target: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** A local user-pool API speaking Cognito's JSON protocol, for the calls the function makes. */
export class UserPoolServer extends LocalServer {
  readonly calls: PoolCall[] = [];
  readonly faults: { status: number; type: string }[] = [];
  /** What DescribeUserPoolClient answers as the client's ExplicitAuthFlows; undefined leaves the field out. */
  explicitAuthFlows: string[] | undefined = ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.headers['x-amz-target'] as string | undefined;
    this.calls.push({ target, contentType: req.headers['content-type'], body: JSON.parse(await readBody(req)) });
    const fault = this.faults.shift();
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': fault.type });
      res.end(JSON.stringify({ __type: fault.type, message: 'User 7d8e9f00 does not exist.' }));
      return;
    }
    const answer = target?.endsWith('.DescribeUserPoolClient') ? { UserPoolClient: { ClientId: 'c', ExplicitAuthFlows: this.explicitAuthFlows } } : {};
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
  }
}

/** A fresh server (and dummy AWS credentials) for each test of the enclosing suite. */
export function useUserPoolServer(): () => UserPoolServer {
  let pool: UserPoolServer;
  beforeEach(async () => {
    pool = await new UserPoolServer().start();
    stubAwsEnv();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await pool.stop();
  });
  return () => pool;
}
