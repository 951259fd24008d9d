import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EasyAuthProvider } from '../../src/adapters/providers/easyauth';
import { ProviderError, ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { EasyAuthServer, refusedUrl } from '../support/easyauth-server';
import { PHONE } from '../support/events';
import { deadlineIn, noDeadline } from '../support/fakes';

const request = { userId: 'pool/user', phone: PHONE as PhoneNumber, issuedAt: 0 };
const check = (code: string) => [request.phone, code] as const;

describe('EasyAuthProvider', () => {
  let server: EasyAuthServer;
  let provider: EasyAuthProvider;

  beforeEach(async () => {
    server = await new EasyAuthServer().start();
    provider = new EasyAuthProvider({ baseUrl: server.baseUrl, apiKey: server.apiKey });
  });
  afterEach(() => server.stop());

  it('posts the phone to /send with the bearer key', async () => {
    await provider.startVerification(request.phone, noDeadline());

    expect(server.received).toEqual([
      { method: 'POST', path: '/v1/send', authorization: `Bearer ${server.apiKey}`, contentType: 'application/json', body: { phone: PHONE } },
    ]);
  });

  it('posts phone and code to /verify and returns its success', async () => {
    await provider.startVerification(request.phone, noDeadline());
    const code = server.codes.get(PHONE) ?? '';

    expect(await provider.checkCode(...check('000000'), noDeadline())).toBe('wrong');
    expect(await provider.checkCode(...check(code), noDeadline())).toBe('approved');
    expect(server.received.at(-1)).toMatchObject({ path: '/v1/verify', authorization: `Bearer ${server.apiKey}`, body: { phone: PHONE, code } });
  });

  it.each([500, 401, 429, 403])('turns HTTP %i into a ProviderRejectedError carrying the status', async (status) => {
    server.faults.push({ status });

    const error = await provider.startVerification(request.phone, noDeadline()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ status, message: `EasyAuth /send answered HTTP ${status}` });
  });

  it('never retries /send, even on a 500 or a 429', async () => {
    server.faults.push({ status: 500 }, { status: 429 });

    await expect(provider.startVerification(request.phone, noDeadline())).rejects.toThrow(ProviderRejectedError);
    await expect(provider.startVerification(request.phone, noDeadline())).rejects.toThrow(ProviderRejectedError);

    expect(server.received).toHaveLength(2);
  });

  it('gives up at the deadline when the answer is slow', async () => {
    server.faults.push({ delayMs: 2000 });

    const error = await provider.startVerification(request.phone, deadlineIn(200)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(server.held).toBe(1); // given up at the deadline, while EasyAuth still held its answer back
  });

  it('reports a refused connection', async () => {
    const down = new EasyAuthProvider({ baseUrl: await refusedUrl(), apiKey: 'k' });

    await expect(down.startVerification(request.phone, noDeadline())).rejects.toThrow(ProviderUnreachableError);
  });

  it.each(['not json', '{"success":"yes"}', '{}', '[]', 'null'])('reports a malformed /verify answer %j', async (body) => {
    server.faults.push({ status: 200, body });

    await expect(provider.checkCode(...check('123456'), noDeadline())).rejects.toThrow(ProviderResponseError);
  });

  it('keeps the key and the phone number out of every error', async () => {
    const faults = [{ status: 500 }, { status: 401 }, { status: 200, body: 'oops' }, { delayMs: 1000 }];
    for (const fault of faults) {
      server.faults.push(fault);
      const error = (await provider.checkCode(...check('123456'), deadlineIn(100)).catch((e: unknown) => e)) as ProviderError;
      const shown = `${error.message} ${String(error.cause)} ${JSON.stringify(error)}`;
      expect(error).toBeInstanceOf(ProviderError);
      expect(shown).not.toContain(server.apiKey);
      expect(shown).not.toContain(PHONE);
      expect(shown).not.toContain(PHONE.slice(1));
    }
  });
});

/** The attacks of issue 11.4, replayed against the real client. */
describe('EasyAuthProvider against a hostile or broken EasyAuth', () => {
  let server: EasyAuthServer;
  let provider: EasyAuthProvider;

  beforeEach(async () => {
    server = await new EasyAuthServer().start();
    provider = new EasyAuthProvider({ baseUrl: server.baseUrl, apiKey: server.apiKey });
  });
  afterEach(() => server.stop());

  it('refuses a 307 to plain HTTP: posts nothing there and trusts no answer', async () => {
    // Prepare: the base URL redirects /verify to another origin that would say yes.
    const plain = await new EasyAuthServer().start();
    plain.faults.push({ status: 200, body: '{"success":true}' });
    server.faults.push({ redirectTo: `${plain.baseUrl}/verify` });

    // Act
    const error = await provider.checkCode(...check('123456'), noDeadline()).catch((e: unknown) => e);
    await plain.stop();

    // Assess
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error).toMatchObject({ status: 307 });
    expect(plain.received).toEqual([]);
  });

  it('stops reading a huge streamed answer at the cap instead of reading it whole', async () => {
    // Prepare: 300 MB with no content-length.
    server.faults.push({ streamBytes: 300 * 1024 * 1024 });
    const heapBefore = process.memoryUsage().rss;

    // Act
    const error = await provider.checkCode(...check('123456'), deadlineIn(10_000)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/over 65536 bytes/);
    expect(server.streamedBytes).toBeLessThan(16 * 1024 * 1024);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('cuts a slow body at the deadline, even with garbage collection running during the read', async () => {
    // Prepare: headers at once, then a body that never ends; a GC every 20 ms.
    server.faults.push({ stallBody: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('the trigger deadline passed', 'TimeoutError')), 300);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collect = setInterval(gc, 20);

    // Act
    const error = await provider.checkCode(...check('123456'), { signal: () => controller.signal }).catch((e: unknown) => e);
    clearInterval(collect);

    // Assess
    // The body never ends, so only the deadline ends the call: the error came once it had passed, not before.
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(controller.signal.aborted).toBe(true);
  });
});
