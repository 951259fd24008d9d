import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/adapters/runtime/config';
import { buildApp } from '../support/app';
import type { TriggerHandler } from '../../src/router';
import { SignIn } from '../support/cognito-flow';
import { EasyAuthServer } from '../support/easyauth-server';
import { PHONE } from '../support/events';
import { lastCode, newOutbox, readOutbox, wrongCode } from '../support/outbox';
import { SnsServer } from '../support/sns-server';
import { TEST_AWS_ENV } from '../support/aws-env';
import { STUB_KAKAO, SolapiServer } from '../support/solapi-server';
import { TwilioVerifyServer } from '../support/twilio-verify-server';

/** One provider behind its real local peer: how to configure it and how to read the SMS it sent. */
interface Rig {
  readonly env: Env;
  lastCode(): Promise<string>;
  smsCount(): Promise<number>;
  stop(): Promise<void>;
}

const HMAC_SECRET = 'a test HMAC secret that is long enough to be accepted';

const rigs: Record<string, () => Promise<Rig>> = {
  async easyauth() {
    const server = await new EasyAuthServer().start();
    return {
      env: { OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey },
      lastCode: async () => server.codes.get(PHONE) ?? '',
      smsCount: async () => server.received.filter((r) => r.path === '/v1/send').length,
      stop: () => server.stop(),
    };
  },
  async sns() {
    // No keys in process.env: SNS is signed with those of the environment the handler is built from (the ledger's).
    const sns = await new SnsServer().start();
    return {
      env: { OTP_PROVIDER: 'sns', OTP_HMAC_SECRET: HMAC_SECRET, APP_NAME: 'Hello', AWS_REGION: TEST_AWS_ENV.AWS_REGION, AWS_ENDPOINT_URL_SNS: sns.origin },
      lastCode: async () => sns.lastCode(),
      smsCount: async () => sns.published.length,
      stop: () => sns.stop(),
    };
  },
  async solapi() {
    const server = await new SolapiServer().start();
    return {
      env: solapiEnv(server),
      lastCode: async () => server.lastCode(),
      smsCount: async () => server.sent.length,
      stop: () => server.stop(),
    };
  },
  async twilio() {
    const server = await new TwilioVerifyServer().start();
    return {
      env: server.handlerEnv(),
      lastCode: async () => server.lastCode(),
      smsCount: async () => server.texts.length,
      stop: () => server.stop(),
    };
  },
  async fake() {
    const outbox = await newOutbox();
    return {
      env: { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox },
      lastCode: () => lastCode(outbox),
      smsCount: async () => (await readOutbox(outbox)).length,
      stop: async () => undefined,
    };
  },
};

/** Every response the handler writes, the part of the event Cognito and the client get from it. */
function recording(handler: TriggerHandler, seen: unknown[]): TriggerHandler {
  return async (event, context) => {
    const result = (await handler(event, context)) as { response: unknown };
    seen.push(structuredClone(result.response));
    return result;
  };
}

describe.each(Object.keys(rigs))('sign-in flows with the %s provider', (name) => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await rigs[name]!();
  });
  afterAll(() => rig.stop());

  it('signs in with the right code, after one wrong answer, on one SMS', async () => {
    // Prepare
    const { handler } = await buildApp(rig.env);
    const signIn = new SignIn(handler);
    const before = await rig.smsCount();

    // Act
    const started = await signIn.start();
    const firstParameters = signIn.publicParameters;
    const code = await rig.lastCode();
    const afterWrong = await signIn.answer(wrongCode(code));
    const attemptsLeftAfterWrong = signIn.publicParameters.attemptsLeft;
    const afterRight = await signIn.answer(code);

    // Assess
    expect(started).toBe('challenge');
    // Seconds left, rounded up when Create answers: a send that takes over a second reads one less.
    expect(firstParameters).toEqual({
      codeLength: '6',
      attemptsLeft: '3',
      resendInSeconds: expect.stringMatching(/^(29|30)$/),
      expiresInSeconds: expect.stringMatching(/^(179|180)$/),
      delivery: 'sent',
    });
    expect(afterWrong).toBe('challenge');
    expect(attemptsLeftAfterWrong).toBe('2');
    expect(afterRight).toBe('tokens');
    expect((await rig.smsCount()) - before).toBe(1);
  });

  it('fails once the attempts are used up, and the right code no longer helps', async () => {
    // Prepare
    const { handler } = await buildApp(rig.env);
    const signIn = new SignIn(handler);
    await signIn.start();
    const code = await rig.lastCode();

    // Act
    const first = await signIn.answer(wrongCode(code));
    const second = await signIn.answer(wrongCode(code));
    const third = await signIn.answer(wrongCode(code));

    // Assess
    expect(first).toBe('challenge');
    expect(second).toBe('challenge');
    expect(third).toBe('failed');
  });

  it('refuses the right code once it has expired', async () => {
    // Prepare
    const { handler, clock } = await buildApp(rig.env);
    const signIn = new SignIn(handler);
    await signIn.start();
    clock.advance(181);

    // Act
    const outcome = await signIn.answer(await rig.lastCode());

    // Assess
    expect(outcome).toBe('challenge');
  });

  it('walks an unknown user through the same screens with no SMS and no tokens', async () => {
    // Prepare
    const { handler } = await buildApp(rig.env);
    const signIn = new SignIn(handler, { userNotFound: true });
    const before = await rig.smsCount();

    // Act
    const started = await signIn.start();
    const firstParameters = signIn.publicParameters;
    const first = await signIn.answer('123456');
    const second = await signIn.answer('123456');
    const third = await signIn.answer('123456');

    // Assess
    expect(started).toBe('challenge');
    expect(Object.keys(firstParameters).sort()).toEqual(['attemptsLeft', 'codeLength', 'delivery', 'expiresInSeconds', 'resendInSeconds']);
    expect(firstParameters.delivery).toBe('sent');
    expect(first).toBe('challenge');
    expect(second).toBe('challenge');
    expect(third).toBe('failed');
    expect(await rig.smsCount()).toBe(before);
  });

  it('returns no plain code in anything it hands back', async () => {
    // Prepare
    const { handler } = await buildApp(rig.env);
    const seen: unknown[] = [];
    const signIn = new SignIn(recording(handler, seen));

    // Act
    await signIn.start();
    const code = await rig.lastCode();
    await signIn.answer(wrongCode(code));
    await signIn.answer(code);

    // Assess
    // Define, Create; Verify, Define, Create; Verify, Define; PostAuthentication.
    expect(seen.length).toBe(8);
    expect(JSON.stringify(seen)).not.toContain(code);
  });
});

/** The function's environment for Solapi against the stub. */
function solapiEnv(server: SolapiServer): Record<string, string> {
  return {
    OTP_PROVIDER: 'solapi',
    OTP_HMAC_SECRET: HMAC_SECRET,
    APP_NAME: 'Hello',
    SOLAPI_API_KEY: server.apiKey,
    SOLAPI_API_SECRET: server.apiSecret,
    SOLAPI_SENDER: server.sender,
    SOLAPI_BASE_URL: server.origin,
  };
}

describe('sign-in with Solapi sending AlimTalk', () => {
  let server: SolapiServer;

  beforeAll(async () => {
    server = await new SolapiServer().start();
  });
  afterAll(() => server.stop());

  it('signs in with the code the AlimTalk carried, counted as sent on the alimtalk channel', async () => {
    // Prepare
    const { handler, metrics } = await buildApp({
      ...solapiEnv(server),
      SOLAPI_KAKAO_PF_ID: STUB_KAKAO.pfId,
      SOLAPI_KAKAO_TEMPLATE_ID: STUB_KAKAO.templateId,
      SOLAPI_KAKAO_CODE_VARIABLE: STUB_KAKAO.codeVariable,
    });
    const signIn = new SignIn(handler);

    // Act
    const started = await signIn.start();
    const code = server.lastCode();
    const afterRight = await signIn.answer(code);

    // Assess
    expect(started).toBe('challenge');
    expect(afterRight).toBe('tokens');
    expect(server.sent).toEqual([]);
    expect(server.alimTalks).toHaveLength(1);
    expect(server.alimTalks[0]?.kakaoOptions.variables).toEqual({ [STUB_KAKAO.codeVariable]: code });
    expect(server.alimTalks[0]?.replacements[0]?.text).toBe(`[Hello] 인증번호 ${code}`);
    expect(metrics.deliveries).toContainEqual({ kind: 'sent', provider: 'solapi', channel: 'alimtalk' });
  });
});
