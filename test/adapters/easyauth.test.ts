import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EasyAuthProvider } from '../../src/adapters/easyauth';
import { ProviderError, ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { EasyAuthServer, refusedUrl } from '../support/easyauth-server';
import { PHONE } from '../support/events';
import { deadlineIn, noDeadline } from '../support/fakes';

const request = { userId: 'pool/user', phone: PHONE as PhoneNumber, issuedAt: 0 };
const check = (code: string) => ({ ...request, code, proof: '' });

describe('EasyAuthProvider', () => {
  let server: EasyAuthServer;
  let provider: EasyAuthProvider;

  beforeEach(async () => {
    server = await new EasyAuthServer().start();
    provider = new EasyAuthProvider({ baseUrl: server.baseUrl, apiKey: server.apiKey });
  });
  afterEach(() => server.stop());

  it('posts the phone to /send with the bearer key', async () => {
    const proof = await provider.sendCode(request, noDeadline());

    expect(proof).toBe('');
    expect(server.received).toEqual([
      { method: 'POST', path: '/v1/send', authorization: `Bearer ${server.apiKey}`, contentType: 'application/json', body: { phone: PHONE } },
    ]);
  });

  it('posts phone and code to /verify and returns its success', async () => {
    await provider.sendCode(request, noDeadline());
    const code = server.codes.get(PHONE) ?? '';

    expect(await provider.checkCode(check('000000'), noDeadline())).toBe(false);
    expect(await provider.checkCode(check(code), noDeadline())).toBe(true);
    expect(server.received.at(-1)).toMatchObject({ path: '/v1/verify', authorization: `Bearer ${server.apiKey}`, body: { phone: PHONE, code } });
  });

  it.each([500, 401, 429, 403])('turns HTTP %i into a ProviderRejectedError carrying the status', async (status) => {
    server.faults.push({ status });

    const error = await provider.sendCode(request, noDeadline()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ status, message: `EasyAuth /send answered HTTP ${status}` });
  });

  it('never retries /send, even on a 500 or a 429', async () => {
    server.faults.push({ status: 500 }, { status: 429 });

    await expect(provider.sendCode(request, noDeadline())).rejects.toThrow(ProviderRejectedError);
    await expect(provider.sendCode(request, noDeadline())).rejects.toThrow(ProviderRejectedError);

    expect(server.received).toHaveLength(2);
  });

  it('gives up at the deadline when the answer is slow', async () => {
    server.faults.push({ delayMs: 2000 });
    const started = Date.now();

    const error = await provider.sendCode(request, deadlineIn(200)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a refused connection', async () => {
    const down = new EasyAuthProvider({ baseUrl: await refusedUrl(), apiKey: 'k' });

    await expect(down.sendCode(request, noDeadline())).rejects.toThrow(ProviderUnreachableError);
  });

  it.each(['not json', '{"success":"yes"}', '{}', '[]', 'null'])('reports a malformed /verify answer %j', async (body) => {
    server.faults.push({ status: 200, body });

    await expect(provider.checkCode(check('123456'), noDeadline())).rejects.toThrow(ProviderResponseError);
  });

  it('keeps the key and the phone number out of every error', async () => {
    const faults = [{ status: 500 }, { status: 401 }, { status: 200, body: 'oops' }, { delayMs: 1000 }];
    for (const fault of faults) {
      server.faults.push(fault);
      const error = (await provider.checkCode(check('123456'), deadlineIn(100)).catch((e: unknown) => e)) as ProviderError;
      const shown = `${error.message} ${String(error.cause)} ${JSON.stringify(error)}`;
      expect(error).toBeInstanceOf(ProviderError);
      expect(shown).not.toContain(server.apiKey);
      expect(shown).not.toContain(PHONE);
      expect(shown).not.toContain(PHONE.slice(1));
    }
  });
});
