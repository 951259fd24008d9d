import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioProvider, TwilioRefusalError, type TwilioSettings, type TwilioVerifyProvider } from '../../src/adapters/providers/twilio';
import { type ProviderError, ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { PHONE } from '../support/events';
import { deadlineIn, noDeadline } from '../support/fakes';
import { refusedOrigin } from '../support/local-server';
import { TwilioVerifyServer } from '../support/twilio-verify-server';

const phone = PHONE as PhoneNumber;
const request = { userId: 'pool/user', phone, issuedAt: 0 };
const check = (code: string) => [request.phone, code] as const;

describe('TwilioVerifyProvider', () => {
  let server: TwilioVerifyServer;
  let settings: TwilioSettings;
  let provider: TwilioVerifyProvider;

  beforeEach(async () => {
    server = await new TwilioVerifyServer().start();
    settings = { baseUrl: server.baseUrl, serviceSid: server.serviceSid, username: server.apiKeySid, password: server.apiKeySecret, locale: undefined };
    provider = createTwilioProvider(settings);
  });
  afterEach(() => server.stop());

  it('starts an SMS verification as a form POST, in Korean for a +82 number, and keeps no proof', async () => {
    // Act
    await provider.startVerification(request.phone, noDeadline());

    // Assess: the pending verification is canceled first (none here: 404), then the SMS goes.
    expect(server.requests).toEqual([
      {
        path: `/v2/Services/${server.serviceSid}/Verifications/${encodeURIComponent(PHONE)}`,
        contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
        form: { Status: 'canceled' },
      },
      {
        path: `/v2/Services/${server.serviceSid}/Verifications`,
        contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
        form: { To: PHONE, Channel: 'sms', Locale: 'ko' },
      },
    ]);
  });

  it('sends no Locale for other countries unless one is set', async () => {
    // Act
    await provider.startVerification('+14155550123' as PhoneNumber, noDeadline());
    await createTwilioProvider({ ...settings, locale: 'fr' }).startVerification(request.phone, noDeadline());

    // Assess
    expect(server.requests.filter((r) => r.form.Channel).map((r) => r.form.Locale)).toEqual([undefined, 'fr']);
  });

  it('approves the right code once: a wrong code is wrong, the same code again finds the verification gone', async () => {
    // Prepare
    await provider.startVerification(request.phone, noDeadline());
    const code = server.lastCode();

    // Act / Assess
    expect(await provider.check(phone, '000000', noDeadline())).toEqual({ kind: 'wrong' });
    expect(await provider.checkCode(...check(code), noDeadline())).toBe('approved');
    expect(await provider.check(phone, code, noDeadline())).toEqual({ kind: 'dead', reason: 'expired-or-used' });
    expect(server.requests.at(-1)).toMatchObject({ path: `/v2/Services/${server.serviceSid}/VerificationCheck`, form: { To: PHONE, Code: code } });
  });

  it('takes a 404 on check as a dead verification, not an outage', async () => {
    // Act / Assess: nothing was ever sent to this number.
    expect(await provider.checkCode(...check('123456'), noDeadline())).toBe('dead');
  });

  it('takes 60202 (max checks) on check as a dead verification: even the right code is refused', async () => {
    // Prepare
    await provider.startVerification(request.phone, noDeadline());
    const code = server.lastCode();
    for (let i = 0; i < 5; i++) await provider.check(phone, '000000', noDeadline());

    // Act / Assess
    expect(await provider.check(phone, code, noDeadline())).toEqual({ kind: 'dead', reason: 'max-checks' });
    expect(await provider.checkCode(...check(code), noDeadline())).toBe('dead');
  });

  it('cancels the pending verification before each send, so that every send is a new code with its own checks', async () => {
    // Prepare: the first code, with 4 wrong checks on it.
    await provider.startVerification(request.phone, noDeadline());
    const first = server.lastCode();
    for (let i = 0; i < 4; i++) await provider.check(phone, '000000', noDeadline());

    // Act
    await provider.startVerification(request.phone, noDeadline());
    const second = server.lastCode();

    // Assess: the first code is dead, the second one answers with a fresh count.
    expect(second).not.toBe(first);
    expect(await provider.check(phone, first, noDeadline())).toEqual({ kind: 'wrong' });
    expect(await provider.check(phone, second, noDeadline())).toEqual({ kind: 'approved' });
    expect(server.requests.filter((r) => r.form.Status === 'canceled')).toHaveLength(2);
  });

  it('fails closed when the cancel fails: nothing is sent, and the error is not a timeout (no SMS can be on its way)', async () => {
    // Prepare
    await provider.startVerification(request.phone, noDeadline());
    server.faults.push({ status: 500, code: 20500, onCancel: true }, { delayMs: 2000, onCancel: true });

    // Act
    const refused = await provider.startVerification(request.phone, noDeadline()).catch((e: unknown) => e);
    const slow = await provider.startVerification(request.phone, deadlineIn(200)).catch((e: unknown) => e);

    // Assess
    expect(refused).toBeInstanceOf(ProviderRejectedError);
    expect(refused).toMatchObject({ status: 500 });
    expect(slow).toBeInstanceOf(ProviderUnreachableError);
    expect(server.texts).toHaveLength(1);
  });

  it('models Twilio without a cancel: the same code again within the window, and a sixth send refused with 60203 as max-sends', async () => {
    // Prepare: the stub asked directly, as a client that never cancels would.
    const send = () =>
      fetch(`${server.baseUrl}/Services/${server.serviceSid}/Verifications`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${server.apiKeySid}:${server.apiKeySecret}`).toString('base64')}` },
        body: new URLSearchParams({ To: PHONE, Channel: 'sms' }),
      });
    for (let i = 0; i < 5; i++) expect((await send()).status).toBe(201);

    // Act
    const sixth = await send();

    // Assess
    expect(new Set(server.texts.map((t) => t.code)).size).toBe(1);
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({ code: 60203 });
  });

  it.each([
    [429, 60203, 'max-sends', 'resend-wait'],
    [403, 60410, 'fraud-block', 'range'],
    [403, 60605, 'geo-permission', 'country'],
    [429, 20429, 'throttled', 'budget'],
    [429, 60212, 'throttled', 'budget'],
  ])('turns HTTP %i with Twilio %i on send into %s, with words a user may see', async (status, code, reason, refusal) => {
    // Prepare
    server.faults.push({ status, code });

    // Act
    const error = (await provider.startVerification(request.phone, noDeadline()).catch((e: unknown) => e)) as TwilioRefusalError;

    // Assess
    expect(error).toBeInstanceOf(TwilioRefusalError);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ reason, refusal, status, twilioCode: code });
    expect(error.publicWords).not.toMatch(/\d{6}/);
  });

  it('checks Basic auth: wrong credentials are a ProviderRejectedError 401, account SID and auth token work too', async () => {
    // Prepare
    const wrong = createTwilioProvider({ ...settings, password: 'wrong' });
    const account = createTwilioProvider({ ...settings, username: server.accountSid, password: server.authToken });

    // Act
    const error = await wrong.startVerification(request.phone, noDeadline()).catch((e: unknown) => e);
    await account.startVerification(request.phone, noDeadline());

    // Assess
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).not.toBeInstanceOf(TwilioRefusalError);
    expect(error).toMatchObject({ status: 401, message: 'Twilio Verify /Verifications/{To} (cancel) answered HTTP 401 (Twilio 20003)' });
    expect(server.texts).toHaveLength(1);
  });

  it('keeps the phone, the code and the credentials out of every error', async () => {
    const faults = [
      { status: 400, code: 60200 },
      { status: 500, code: 20500 },
      { status: 429, code: 60203 },
    ];
    for (const fault of faults) {
      // Prepare
      server.faults.push(fault);

      // Act
      const error = (await provider.checkCode(...check('987654'), noDeadline()).catch((e: unknown) => e)) as ProviderError;

      // Assess
      const shown = `${error.message} ${String(error.cause)} ${JSON.stringify(error)}`;
      expect(shown).not.toContain(PHONE.slice(3));
      expect(shown).not.toContain('987654');
      expect(shown).not.toContain(server.apiKeySecret);
    }
  });

  it('gives up at the deadline, reports an unreachable Twilio and a malformed answer', async () => {
    // Prepare
    server.faults.push({ delayMs: 2000 });
    const down = createTwilioProvider({ ...settings, baseUrl: await refusedOrigin() });

    // Act / Assess
    await expect(provider.startVerification(request.phone, deadlineIn(200))).rejects.toThrow(ProviderTimeoutError);
    expect(server.held).toBe(1); // given up at the deadline, while Twilio still held its answer back
    await expect(down.startVerification(request.phone, noDeadline())).rejects.toThrow(ProviderUnreachableError);
    server.faults.push({ status: 200, code: 0 });
    await expect(provider.checkCode(...check('123456'), noDeadline())).rejects.toThrow(ProviderResponseError);
  });
});
