import type { IncomingMessage, ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchange, ExchangeError } from '../../src/adapters/http/exchange';
import { LocalServer, readBody, refusedOrigin } from '../support/local-server';

/** Answers by path: what a hostile or broken service might send. */
class HostileServer extends LocalServer {
  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    switch (req.url) {
      case '/echo':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, body }));
        return;
      case '/redirect':
        res.writeHead(307, { location: `${this.origin}/echo` }).end();
        return;
      case '/huge': {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        for (let i = 0; i < 64 && !res.destroyed; i++) res.write(chunk);
        res.end();
        return;
      }
      case '/declared-huge':
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.write('x');
        return;
      case '/slow-body':
        // Headers at once, then one byte a while, never finishing within the test's deadline.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        return;
      default:
        res.writeHead(404).end();
    }
  }
}

describe('exchange', () => {
  let server: HostileServer;
  beforeEach(async () => {
    server = await new HostileServer().start();
  });
  afterEach(() => server.stop());

  it('returns status, headers and text of an ordinary answer', async () => {
    // Act
    const response = await exchange({ url: `${server.origin}/echo`, method: 'POST', body: 'hello', signal: AbortSignal.timeout(2000) });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(response.text)).toEqual({ method: 'POST', body: 'hello' });
  });

  it('refuses a redirect instead of following it', async () => {
    // Act
    const error = await exchange({ url: `${server.origin}/redirect`, method: 'POST', body: 'secret', signal: AbortSignal.timeout(2000) }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error).toMatchObject({ kind: 'redirect', status: 307 });
  });

  it('stops reading a streamed body past the cap', async () => {
    // Act
    const error = await exchange({ url: `${server.origin}/huge`, method: 'GET', maxBodyBytes: 100_000, signal: AbortSignal.timeout(5000) }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toMatchObject({ kind: 'too-large', status: 200 });
  });

  it('refuses a declared length over the cap before reading it', async () => {
    // Act
    const error = await exchange({ url: `${server.origin}/declared-huge`, method: 'GET', maxBodyBytes: 1024, signal: AbortSignal.timeout(2000) }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toMatchObject({ kind: 'too-large' });
  });

  it('cuts a slow body at the deadline, even after garbage collection ran during the read', async () => {
    // Prepare
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), 300);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collect = setInterval(gc, 20);

    // Act
    const error = await exchange({ url: `${server.origin}/slow-body`, method: 'GET', signal: controller.signal }).catch((e: unknown) => e);
    clearInterval(collect);

    // Assess
    // The body never ends, so only the deadline ends the call: the error came once it had passed, not before.
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(controller.signal.aborted).toBe(true);
  });

  it('says unreachable when nothing listens', async () => {
    // Act
    const error = await exchange({ url: `${await refusedOrigin()}/x`, method: 'GET', signal: AbortSignal.timeout(2000) }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'unreachable' });
  });
});
