import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SolapiSettings } from '../../src/adapters/runtime/provider-config';
import { createSolapiProvider, SolapiSmsDelivery, solapiRecipient } from '../../src/adapters/providers/solapi';
import type { ProviderError } from '../../src/domain/errors';
import { ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { refusedOrigin } from '../support/local-server';
import { PHONE } from '../support/events';
import { deadlineIn, noDeadline } from '../support/fakes';
import { STUB_KAKAO, SolapiServer } from '../support/solapi-server';
import { ConfigError, readConfig } from '../../src/adapters/runtime/config';
import { eucKrBytes } from '../../src/adapters/providers/sms-bytes';

const request = { userId: 'pool/user', phone: PHONE as PhoneNumber, issuedAt: 0 };
const SOLAPI_ENV = {
  OTP_PROVIDER: 'solapi',
  OTP_LEDGER_TABLE: 'otp-ledger',
  OTP_HMAC_SECRET: 'a test HMAC secret that is long enough to be accepted',
  APP_NAME: 'Hello',
  SOLAPI_API_KEY: 'NCSTESTKEY0123456',
  SOLAPI_API_SECRET: 'TESTSECRET0123456789ABCDEFGHIJKL',
  SOLAPI_SENDER: '02-1234-5678',
};
/** Solapi's Korean default as the one template, so the longest name is the Korean text's (the English one is longer). */
const ONE_TEMPLATE = { SMS_MESSAGE_TEMPLATE: '[{app}] 인증번호 {code}' };
const KAKAO_ENV = { SOLAPI_KAKAO_PF_ID: STUB_KAKAO.pfId, SOLAPI_KAKAO_TEMPLATE_ID: STUB_KAKAO.templateId, SOLAPI_KAKAO_CODE_VARIABLE: '#{인증번호}' };

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

describe('Solapi AlimTalk', () => {
  let server: SolapiServer;
  let settings: SolapiSettings;

  beforeEach(async () => {
    server = await new SolapiServer().start();
    settings = {
      apiKey: server.apiKey,
      apiSecret: server.apiSecret,
      sender: server.sender,
      baseUrl: server.origin,
      appName: '우리앱',
      template: undefined,
      kakao: { ...STUB_KAKAO },
    };
  });
  afterEach(() => server.stop());

  it('sends the code as the template variable only, with the same code in an SMS replacement from the registered sender, signed', async () => {
    // Prepare
    const provider = createSolapiProvider(settings);

    // Act
    await provider.deliver(request.phone, '123456', noDeadline());

    // Assess
    expect(server.alimTalks).toEqual([
      {
        message: {
          to: '01012345678',
          from: '0212345678',
          type: 'ATA',
          kakaoOptions: { pfId: STUB_KAKAO.pfId, templateId: STUB_KAKAO.templateId, variables: { '#{인증번호}': '123456' }, disableSms: false },
          replacements: [{ to: '01012345678', from: '0212345678', text: '[우리앱] 인증번호 123456' }],
        },
        kakaoOptions: { pfId: STUB_KAKAO.pfId, templateId: STUB_KAKAO.templateId, variables: { '#{인증번호}': '123456' }, disableSms: false },
        replacements: [{ to: '01012345678', from: '0212345678', text: '[우리앱] 인증번호 123456' }],
      },
    ]);
    expect(server.sent).toEqual([]); // no SMS of ours: Solapi sends the replacement only when the AlimTalk cannot be delivered
    expect(server.authorizations[0]).toMatch(/^HMAC-SHA256 apiKey=NCSTESTKEY0123456, date=[^,]+, salt=[0-9a-f]{32}, signature=[0-9a-f]{64}$/);
    expect(provider.channel).toBe('alimtalk');
  });

  it('keeps the replacement within one SMS (90 bytes in EUC-KR) with the longest app name the cold start allows', async () => {
    // Prepare: "[] 인증번호 " is 12 bytes and a 10-digit code 10, which leaves 68 bytes for the name: 34 Hangul syllables.
    const appName = '가'.repeat(34);
    const config = readConfig({ ...SOLAPI_ENV, ...KAKAO_ENV, ...ONE_TEMPLATE, APP_NAME: appName, OTP_CODE_LENGTH: '10', SOLAPI_BASE_URL: server.origin });
    const provider = createSolapiProvider((config.provider as { solapi: SolapiSettings }).solapi);

    // Act
    await provider.deliver(request.phone, '0123456789', noDeadline());

    // Assess
    const text = server.alimTalks[0]?.replacements[0]?.text ?? '';
    expect(text).toBe(`[${appName}] 인증번호 0123456789`);
    expect(eucKrBytes(text)).toBe(90);
  });

  it('addresses a number outside Korea with its country, and an English replacement', async () => {
    // Prepare
    const provider = createSolapiProvider({ ...settings, appName: 'Hello' });

    // Act
    await provider.deliver('+819012345678' as PhoneNumber, '123456', noDeadline());

    // Assess
    expect(server.alimTalks[0]?.message).toMatchObject({ to: '9012345678', country: '81', type: 'ATA' });
    expect(server.alimTalks[0]?.replacements).toEqual([{ to: '9012345678', country: '81', from: '0212345678', text: '[Hello] Your code is 123456' }]);
  });

  it('sends an SMS as before, on the single send, when no channel is set', async () => {
    // Prepare
    const provider = createSolapiProvider({ ...settings, kakao: undefined });

    // Act
    await provider.deliver(request.phone, '123456', noDeadline());

    // Assess
    expect(server.sent).toEqual([{ to: '01012345678', from: '0212345678', text: '[우리앱] 인증번호 123456', type: 'SMS', country: undefined }]);
    expect(server.alimTalks).toEqual([]);
    expect(provider.channel).toBeUndefined();
  });

  it.each([
    ['a channel Solapi does not know (1041)', { pfId: 'KA01PF190227072057634WRONGWRONG1' }, 'statusCode 1041'],
    ['a template that is not approved or not ours (1042)', { templateId: 'KA01TP210129012740053NOTAPPROVED' }, 'statusCode 1042'],
    ['a variable the template does not have (1043)', { codeVariable: '#{code}' }, 'statusCode 1043'],
  ])('is refused for %s: a ProviderRejectedError, nothing sent, no phone or code in it', async (_, change, words) => {
    // Prepare
    const provider = createSolapiProvider({ ...settings, kakao: { ...STUB_KAKAO, ...change } });

    // Act
    const error = (await provider.deliver(request.phone, '123456', noDeadline()).catch((e: unknown) => e)) as ProviderError;

    // Assess
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error.message).toBe(`Solapi /messages/v4/send-many/detail did not accept the AlimTalk: ${words}`);
    expect(error.status).toBe(200);
    expect(server.alimTalks).toEqual([]);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toMatch(/01012345678|123456/);
  });

  it.each([
    [{ status: 401, errorCode: 'InvalidAPIKey' }, ProviderRejectedError, 'answered HTTP 401: InvalidAPIKey'],
    [{ status: 400, errorCode: 'ValidationError', errorMessage: `invalid recipient ${PHONE}` }, ProviderRejectedError, 'answered HTTP 400: ValidationError'],
    [{ body: '{"groupInfo":{}}' }, ProviderResponseError, 'answered HTTP 200 without a failedMessageList and a groupInfo'],
    [{ body: '<html>gateway</html>' }, ProviderResponseError, 'answered HTTP 200 without a failedMessageList and a groupInfo'],
  ])('maps %j through the same Solapi handling', async (fault, type, words) => {
    // Prepare
    const provider = createSolapiProvider(settings);
    server.faults.push(fault);

    // Act
    const error = (await provider.deliver(request.phone, '123456', noDeadline()).catch((e: unknown) => e)) as ProviderError;

    // Assess
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(`Solapi /messages/v4/send-many/detail ${words}`);
    expect(error.message).not.toContain(PHONE.slice(3));
  });

  it('gives up at the deadline, and reports an unreachable Solapi', async () => {
    // Prepare
    const provider = createSolapiProvider(settings);
    const down = createSolapiProvider({ ...settings, baseUrl: await refusedOrigin() });
    server.faults.push({ delayMs: 2000 });

    // Act
    const late = await provider.deliver(request.phone, '123456', deadlineIn(200)).catch((e: unknown) => e);
    const unreachable = await down.deliver(request.phone, '123456', noDeadline()).catch((e: unknown) => e);

    // Assess
    expect(late).toBeInstanceOf(ProviderTimeoutError);
    expect(unreachable).toBeInstanceOf(ProviderUnreachableError);
  });
});

describe('Solapi AlimTalk settings', () => {
  it('reads the channel, the template and the variable', () => {
    // Act
    const config = readConfig({ ...SOLAPI_ENV, ...KAKAO_ENV });

    // Assess
    expect(config.provider).toMatchObject({ kind: 'solapi', solapi: { kakao: { ...STUB_KAKAO } } });
  });

  it('leaves AlimTalk off when none is set', () => {
    // Act
    const config = readConfig(SOLAPI_ENV);

    // Assess
    expect((config.provider as { solapi: SolapiSettings }).solapi.kakao).toBeUndefined();
  });

  it.each([
    ['SOLAPI_KAKAO_TEMPLATE_ID is not set: SOLAPI_KAKAO_PF_ID sends AlimTalk with a template Kakao approved', { SOLAPI_KAKAO_TEMPLATE_ID: undefined }],
    ['SOLAPI_KAKAO_PF_ID is not set: SOLAPI_KAKAO_TEMPLATE_ID is sent from a KakaoTalk channel registered at Solapi', { SOLAPI_KAKAO_PF_ID: undefined }],
    ['SOLAPI_KAKAO_CODE_VARIABLE is not set: it names the variable of SOLAPI_KAKAO_TEMPLATE_ID', { SOLAPI_KAKAO_CODE_VARIABLE: undefined }],
    [
      'SOLAPI_KAKAO_CODE_VARIABLE is set without SOLAPI_KAKAO_PF_ID and SOLAPI_KAKAO_TEMPLATE_ID',
      { SOLAPI_KAKAO_PF_ID: undefined, SOLAPI_KAKAO_TEMPLATE_ID: undefined },
    ],
    ['SOLAPI_KAKAO_PF_ID is "@우리앱": it accepts a channel\'s pfId at Solapi: 32 letters and digits', { SOLAPI_KAKAO_PF_ID: '@우리앱' }],
    ['SOLAPI_KAKAO_TEMPLATE_ID is "otp_template_1": it accepts an approved AlimTalk template\'s id at Solapi', { SOLAPI_KAKAO_TEMPLATE_ID: 'otp_template_1' }],
    ['SOLAPI_KAKAO_CODE_VARIABLE is "인증번호": it accepts a template variable such as #{인증번호}', { SOLAPI_KAKAO_CODE_VARIABLE: '인증번호' }],
    ['SOLAPI_KAKAO_CODE_VARIABLE is "#{otp.code}"', { SOLAPI_KAKAO_CODE_VARIABLE: '#{otp.code}' }],
  ])('fails the cold start naming the setting: %s', (message, change) => {
    // Act, Assess
    expect(() => readConfig({ ...SOLAPI_ENV, ...KAKAO_ENV, ...change })).toThrow(ConfigError);
    expect(() => readConfig({ ...SOLAPI_ENV, ...KAKAO_ENV, ...change })).toThrow(message);
  });

  it('still checks the replacement SMS text fits one SMS: one syllable more fails the cold start', () => {
    // Act, Assess
    expect(() => readConfig({ ...SOLAPI_ENV, ...KAKAO_ENV, ...ONE_TEMPLATE, APP_NAME: '가'.repeat(35), OTP_CODE_LENGTH: '10' })).toThrow(
      'SMS_MESSAGE_TEMPLATE makes the SMS "[{app}] 인증번호 {code}" unsendable as one SMS: it is 92 bytes in EUC-KR',
    );
  });
});
