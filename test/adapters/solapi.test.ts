import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SolapiSettings } from '../../src/adapters/runtime/provider-config';
import { createSolapiProvider, SolapiSmsDelivery, solapiRecipient } from '../../src/adapters/providers/solapi';
import type { ProviderError } from '../../src/domain/errors';
import { ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { refusedOrigin } from '../support/local-server';
import { PHONE } from '../support/events';
import { deadlineIn, noDeadline } from '../support/fakes';
import { SolapiServer } from '../support/solapi-server';

const request = { userId: 'pool/user', phone: PHONE as PhoneNumber, issuedAt: 0 };

describe('Solapi delivery', () => {
  let server: SolapiServer;
  let settings: SolapiSettings;

  beforeEach(async () => {
    server = await new SolapiServer().start();
    settings = { apiKey: server.apiKey, apiSecret: server.apiSecret, sender: server.sender, baseUrl: server.origin, appName: '우리앱', template: undefined };
  });
  afterEach(() => server.stop());

  it('sends one Korean SMS from the registered sender with the code, signed as Solapi checks it', async () => {
    // Prepare
    const provider = createSolapiProvider(settings);

    // Act
    await provider.deliver(request.phone, '123456', noDeadline());
    const code = server.lastCode();

    // Assess
    expect(server.sent).toEqual([{ to: '01012345678', from: '0212345678', text: `[우리앱] 인증번호 ${code}`, type: 'SMS', country: undefined }]);
    expect(server.authorizations[0]).toMatch(
      /^HMAC-SHA256 apiKey=NCSTESTKEY0123456, date=\d{4}-\d\d-\d\dT[\d:.]+Z, salt=[0-9a-f]{32}, signature=[0-9a-f]{64}$/,
    );
    expect(code).toBe('123456');
  });

  it('uses a fresh salt for every request', async () => {
    // Prepare
    const provider = createSolapiProvider(settings);

    // Act
    await provider.deliver(request.phone, '123456', noDeadline());
    await provider.deliver(request.phone, '123456', noDeadline());

    // Assess
    expect(server.sent).toHaveLength(2);
  });

  it('sends an English SMS with the calling code as country to a number outside Korea', async () => {
    // Prepare
    const provider = createSolapiProvider({ ...settings, appName: 'Hello' });

    // Act
    await provider.deliver('+14155550123' as PhoneNumber, '123456', noDeadline());

    // Assess
    expect(server.sent[0]).toMatchObject({ to: '4155550123', country: '1', text: `[Hello] Your code is ${server.lastCode()}` });
  });

  it.each([
    ['+821012345678', { to: '01012345678' }],
    ['+82212345678', { to: '0212345678' }],
    ['+819012345678', { to: '9012345678', country: '81' }],
  ])('addresses %s as %j', (phone, recipient) => {
    // Act / Assess
    expect(solapiRecipient(phone as PhoneNumber)).toEqual(recipient);
  });

  it('is refused by Solapi when the secret is wrong: a ProviderRejectedError with the status and error code', async () => {
    // Prepare
    const provider = createSolapiProvider({ ...settings, apiSecret: 'not the secret' });

    // Act
    const error = await provider.deliver(request.phone, '123456', noDeadline()).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ status: 401, message: 'Solapi /messages/v4/send answered HTTP 401: SignatureDoesNotMatch' });
    expect(server.sent).toEqual([]);
  });

  it.each([
    [{ status: 400, errorCode: 'ValidationError', errorMessage: `invalid recipient ${PHONE}` }, ProviderRejectedError, 400],
    [{ status: 402, errorCode: 'NotEnoughBalance' }, ProviderRejectedError, 402],
    [{ status: 500, errorCode: 'InternalError' }, ProviderRejectedError, 500],
    [{ statusCode: '3059' }, ProviderRejectedError, 200],
  ])('turns %j into a typed error that quotes neither the phone nor the code', async (fault, type, status) => {
    // Prepare
    const provider = createSolapiProvider(settings);
    server.faults.push(fault);

    // Act
    const error = (await provider.deliver(request.phone, '123456', noDeadline()).catch((e: unknown) => e)) as ProviderError;

    // Assess
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
    const shown = `${error.message} ${String(error.cause)} ${JSON.stringify(error)}`;
    expect(shown).not.toContain(PHONE.slice(3));
    expect(shown).not.toContain(server.apiSecret);
  });

  it('gives up at the deadline', async () => {
    // Prepare
    const provider = createSolapiProvider(settings);
    server.faults.push({ delayMs: 2000 });

    // Act
    const error = await provider.deliver(request.phone, '123456', deadlineIn(200)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(server.held).toBe(1); // given up at the deadline, while Solapi still held its answer back
  });

  it('reports an unreachable Solapi and a malformed answer', async () => {
    // Prepare
    const down = createSolapiProvider({ ...settings, baseUrl: await refusedOrigin() });
    const odd = new SolapiSmsDelivery({ ...settings, baseUrl: `${server.origin}/nowhere` });

    // Act / Assess
    await expect(down.deliver(request.phone, '123456', noDeadline())).rejects.toThrow(ProviderUnreachableError);
    await expect(odd.deliver(PHONE as PhoneNumber, '123456', noDeadline())).rejects.toThrow(ProviderRejectedError);
  });

  it('refuses a malformed success answer', async () => {
    // Prepare: a proxy-like answer with no statusCode.
    const provider = new SolapiSmsDelivery(settings);
    server.faults.push({ statusCode: undefined as unknown as string });

    // Act / Assess
    await expect(provider.deliver(PHONE as PhoneNumber, '123456', noDeadline())).rejects.toThrow(ProviderResponseError);
  });
});
