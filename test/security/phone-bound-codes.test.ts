import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/adapters/runtime/config';
import { TEST_AWS_ENV } from '../support/aws-env';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { PHONE } from '../support/events';
import { RecordingDirectory } from '../support/fakes';
import { newOutbox, readOutbox } from '../support/outbox';
import { SnsServer } from '../support/sns-server';

/** Issue 11, part 1: a code proves only the number it was sent to. */
const PHONE_B = '+821087654321';

interface Rig {
  readonly env: Env;
  codeSentTo(phone: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

const rigs: Record<string, () => Promise<Rig>> = {
  async sns() {
    // No keys in process.env: SNS is signed with those of the environment the handler is built from (the ledger's).
    const sns = await new SnsServer().start();
    return {
      env: {
        OTP_PROVIDER: 'sns',
        OTP_HMAC_SECRET: 'a test HMAC secret that is long enough to be accepted',
        APP_NAME: 'Hello',
        AWS_REGION: TEST_AWS_ENV.AWS_REGION,
        AWS_ENDPOINT_URL_SNS: sns.origin,
      },
      codeSentTo: async (phone) => /\d{6}/.exec(sns.published.findLast((sms) => sms.phoneNumber === phone)?.message ?? '')?.[0],
      stop: () => sns.stop(),
    };
  },
  async fake() {
    const outbox = await newOutbox();
    return {
      env: { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox },
      codeSentTo: async (phone) => (await readOutbox(outbox)).findLast((sms) => sms.phone === phone)?.code,
      stop: async () => undefined,
    };
  },
};

describe.each(Object.keys(rigs))('a code sent to one phone, with the %s provider', (name) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await rigs[name]!();
  });
  afterAll(() => rig.stop());

  it('does not sign in a user whose phone_number changed to another number between Create and Verify', async () => {
    // Prepare: a sign-in texts phone A; then the user's phone_number becomes B, unverified.
    const directory = new RecordingDirectory();
    const { handler } = await buildApp(rig.env, { directory });
    const signIn = new SignIn(handler, { phone: PHONE });
    expect(await signIn.start()).toBe('challenge');
    const codeForA = (await rig.codeSentTo(PHONE)) ?? '';
    expect(codeForA).toMatch(/^\d{6}$/);
    signIn.attributes.phone_number = PHONE_B;
    signIn.attributes.phone_number_verified = 'false';

    // Act: answer every attempt with A's code.
    const steps = [await signIn.answer(codeForA), await signIn.answer(codeForA), await signIn.answer(codeForA)];

    // Assess: refused each time, no tokens, and PostAuthentication never marked B verified. B's ledger record holds no
    // code, so the round after the first answer already finds none to carry on, and the sign-in ends there.
    expect(steps).toEqual(['challenge', 'failed', 'failed']);
    expect(signIn.session.map((round) => round.challengeResult).every((result) => result === false)).toBe(true);
    expect(directory.marked).toEqual([]);
    expect(await rig.codeSentTo(PHONE_B)).toBeUndefined();
  });

  it('still signs in with the code when the number stays the same', async () => {
    // Prepare
    const directory = new RecordingDirectory();
    const { handler } = await buildApp(rig.env, { directory });
    const signIn = new SignIn(handler, { phone: PHONE });
    await signIn.start();
    signIn.attributes.phone_number_verified = 'false';

    // Act
    const step = await signIn.answer((await rig.codeSentTo(PHONE)) ?? '');

    // Assess
    expect(step).toBe('tokens');
    expect(directory.marked).toHaveLength(1);
  });
});
