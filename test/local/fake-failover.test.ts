import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_SWITCH_PATH } from '../../local/fake-switch-path';
import { formatFallbackSms, formatSms } from '../../local/sms-printer';
import { type PublishedSms, startSnsStub } from '../../local/sns-stub';
import { awsTarget } from '../../src/adapters/aws/services';
import { SnsSmsDelivery } from '../../src/adapters/providers/sns';
import type { PhoneNumber } from '../../src/domain/phone';
import { testAws } from '../support/aws-env';
import { noDeadline } from '../support/fakes';
import { readOutbox } from '../support/outbox';
import { answer, signUp, startSignIn, startTestPlayground, type TestPlayground } from '../support/playground';

const PHONE = '+821055501234';

let pg: TestPlayground | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

const flip = (playground: TestPlayground, mode: unknown) =>
  fetch(`${playground.config.endpoint}${FAKE_SWITCH_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });

describe("the demo page's switch for the fake provider", () => {
  it('makes the running function refuse, then send again, without a restart', { timeout: 30_000 }, async () => {
    // Prepare: two users, so the second sign-in is not within the first one's wait.
    const published: PublishedSms[] = [];
    pg = await startTestPlayground({ onFallbackSms: (sms) => published.push(sms) });
    const other = '+821055504321';
    await signUp(pg, PHONE);
    await signUp(pg, other);
    const before = await (await fetch(`${pg.config.endpoint}${FAKE_SWITCH_PATH}`)).json();

    // Act
    const refusing = await flip(pg, 'refuse');
    const refused = await startSignIn(pg, PHONE);
    const working = await flip(pg, 'works');
    const started = await startSignIn(pg, other);

    // Assess: the refusing fake sent nothing (its fallback, sns, did); switched back, the fake sends.
    expect(before).toEqual({ mode: 'works', modes: ['works', 'refuse', 'unreachable', 'timeout'] });
    expect(await refusing.json()).toMatchObject({ mode: 'refuse' });
    expect(refused.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(published.map((sms) => sms.phone)).toEqual([PHONE]);
    expect(await working.json()).toMatchObject({ mode: 'works' });
    expect(started.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect((await readOutbox(pg.outbox)).map((sms) => sms.phone)).toEqual([other]);
  });

  it('refuses a mode it does not know, in words, and keeps the one it had', async () => {
    // Prepare
    pg = await startTestPlayground();

    // Act
    const bad = await flip(pg, 'sometimes');
    const now = await (await fetch(`${pg.config.endpoint}${FAKE_SWITCH_PATH}`)).json();

    // Assess
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('mode is "sometimes": it accepts works, refuse, unreachable, timeout\n');
    expect(now).toMatchObject({ mode: 'works' });
  });

  it('is absent with another provider: nothing to switch', async () => {
    // Prepare
    pg = await startTestPlayground({ env: { OTP_PROVIDER: 'sns', OTP_HMAC_SECRET: 'x'.repeat(40), APP_NAME: 'Hello' } });

    // Act
    const res = await fetch(`${pg.config.endpoint}${FAKE_SWITCH_PATH}`);

    // Assess
    expect(res.status).toBe(404);
    expect(pg.fake).toBeUndefined();
  });
});

describe("the playground's fallback: sns against a local SNS", () => {
  it('is set up for the fake, unless a fallback is named', async () => {
    // Act
    pg = await startTestPlayground();
    const own = pg.fake?.fallback;
    await pg.close();
    pg = await startTestPlayground({ env: { OTP_FALLBACK_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'test-key' } });

    // Assess
    expect(own).toEqual({ provider: 'sns', snsEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(pg.fake?.fallback).toBeUndefined();
  });

  it('answers the SNS adapter as SNS does and tells the terminal which provider sent which code', async () => {
    // Prepare
    const published: PublishedSms[] = [];
    const stub = await startSnsStub((sms) => published.push(sms));
    const settings = {
      template: '{code} is your {app} verification code.',
      appName: 'Playground',
      webOtpDomain: undefined,
      senderId: undefined,
      originationNumber: undefined,
    };

    // Act
    try {
      await new SnsSmsDelivery(awsTarget('sns', testAws({ sns: stub.endpoint })), settings).deliver(PHONE as PhoneNumber, '042917', noDeadline());
    } finally {
      await stub.close();
    }

    // Assess
    expect(published).toEqual([{ phone: PHONE, message: '042917 is your Playground verification code.' }]);
    expect(formatFallbackSms(published[0]!)).toContain('sns (fallback) sent code 042917 to +82 10 5550 1234');
    expect(formatSms(`{"phone":"${PHONE}","code":"042917"}`)).toContain('fake sent code 042917 to +82 10 5550 1234');
  });

  it('sends with sns when the fake refuses, and its code signs in', { timeout: 30_000 }, async () => {
    // Prepare
    const published: PublishedSms[] = [];
    pg = await startTestPlayground({ onFallbackSms: (sms) => published.push(sms) });
    await signUp(pg, PHONE);
    await flip(pg, 'refuse');

    // Act
    const started = await startSignIn(pg, PHONE);
    const code = /\d{4,10}/.exec(published.at(-1)?.message ?? '')?.[0] ?? 'none';
    const result = await answer(pg, started.Session, PHONE, code);

    // Assess
    expect(published).toHaveLength(1);
    expect(await readOutbox(pg.outbox)).toEqual([]);
    expect(result.AuthenticationResult?.IdToken).toBeDefined();
  });
});
