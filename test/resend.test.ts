import { describe, expect, it } from 'vitest';
import type { Env } from '../src/adapters/runtime/config';
import { buildApp } from './support/app';
import { SignIn } from './support/cognito-flow';
import { PHONE } from './support/events';
import type { RecordingLogger } from './support/fakes';
import { newOutbox, readOutbox } from './support/outbox';

/** Issue 14, part 1 (contract B): a resend inside a sign-in, through the real handler and the real ledger on dynalite. */

async function app(env: Env = {}) {
  const outbox = await newOutbox();
  const built = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, ...env });
  const signIn = new SignIn(built.handler, { phone: PHONE });
  return { ...built, signIn, codes: async () => (await readOutbox(outbox)).map((sms) => sms.code) };
}

/** Contract B: these parameters, always, all strings; `refusal` exactly when the send was refused. */
function expectContractB(parameters: Record<string, string>): void {
  expect(parameters).toEqual(
    expect.objectContaining({
      codeLength: '6',
      attemptsLeft: expect.stringMatching(/^\d+$/),
      resendInSeconds: expect.stringMatching(/^\d+$/),
      delivery: expect.stringMatching(/^(sent|reused|refused)$/),
    }),
  );
  expect('refusal' in parameters).toBe(parameters.delivery === 'refused');
  // No phone number, not even masked: it would tell who has an account (issue 21).
  expect(parameters).not.toHaveProperty('phone');
}

const verifyOutcomes = (logger: RecordingLogger) =>
  logger.lines.filter((line) => line.fields.trigger === 'VerifyAuthChallengeResponse_Authentication').map((line) => line.fields.outcome);

describe('resend within a sign-in (clientMetadata action: resend)', () => {
  it('before the wait: the same code goes on, no attempt is spent, and the client is told how long to wait', async () => {
    // Prepare
    const { signIn, codes, logger, clock } = await app();
    await signIn.start();
    expect(signIn.publicParameters).toMatchObject({ delivery: 'sent', attemptsLeft: '3', resendInSeconds: '30' });
    clock.advance(10);

    // Act
    const step = await signIn.resend();

    // Assess
    expect(step).toBe('challenge');
    expectContractB(signIn.publicParameters);
    expect(signIn.publicParameters).toMatchObject({ delivery: 'reused', attemptsLeft: '3', resendInSeconds: '20' });
    expect(await codes()).toHaveLength(1);
    expect(verifyOutcomes(logger as RecordingLogger)).toEqual(['resend']);
    expect(await signIn.answer((await codes())[0]!)).toBe('tokens');
  });

  it('after a wrong answer, a resend before the wait keeps the attempts left as they were', async () => {
    // Prepare
    const { signIn, codes } = await app();
    await signIn.start();
    await signIn.answer('000000' === (await codes())[0] ? '111111' : '000000');
    expect(signIn.publicParameters.attemptsLeft).toBe('2');

    // Act
    await signIn.resend();

    // Assess
    expectContractB(signIn.publicParameters);
    expect(signIn.publicParameters).toMatchObject({ delivery: 'reused', attemptsLeft: '2' });
  });

  it('after the wait: a new code is texted, with every attempt, and the wait has doubled', async () => {
    // Prepare
    const { signIn, codes, clock } = await app();
    await signIn.start();
    clock.advance(31);

    // Act
    const step = await signIn.resend();

    // Assess
    expect(step).toBe('challenge');
    expectContractB(signIn.publicParameters);
    expect(signIn.publicParameters).toMatchObject({ delivery: 'sent', attemptsLeft: '3', resendInSeconds: '60' });
    const [first, second] = await codes();
    expect(second).toMatch(/^\d{6}$/);
    expect(await signIn.answer(second!)).toBe('tokens');
    expect(first).toBeDefined();
  });

  it('the new code retires the previous one: the old code no longer signs in', async () => {
    // Prepare: one sign-in still holds the first code; another asks for a new one after the wait.
    const { handler, signIn, codes, clock } = await app();
    await signIn.start();
    const holder = new SignIn(handler, { phone: PHONE });
    await holder.start();
    clock.advance(31);
    await signIn.resend();

    // Act
    const step = await holder.answer((await codes())[0]!);

    // Assess
    expect(await codes()).toHaveLength(2);
    expect(step).not.toBe('tokens');
  });

  it('refuses a resend when the code is used up and the wait is not over, and says when; after the wait it sends', async () => {
    // Prepare: the code's attempts are used up by another sign-in.
    const { handler, signIn, codes, clock } = await app();
    await signIn.start();
    const other = new SignIn(handler, { phone: PHONE });
    await other.start();
    const wrong = (await codes())[0] === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) await other.answer(wrong);
    clock.advance(5);

    // Act
    const refused = await signIn.resend();
    const refusedParameters = { ...signIn.publicParameters };
    clock.advance(30);
    const sent = await signIn.resend();

    // Assess
    expect(refused).toBe('challenge');
    expectContractB(refusedParameters);
    expect(refusedParameters).toMatchObject({ delivery: 'refused', refusal: 'resend-wait', attemptsLeft: '0', resendInSeconds: '25' });
    expect(sent).toBe('challenge');
    expectContractB(signIn.publicParameters);
    expect(signIn.publicParameters).toMatchObject({ delivery: 'sent', attemptsLeft: '3' });
    expect(await codes()).toHaveLength(2);
    expect(await signIn.answer((await codes())[1]!)).toBe('tokens');
  });

  it('past the daily cap per phone, reuses a live code, and once it has expired refuses by that rule', async () => {
    // Prepare
    const { signIn, codes, clock } = await app({ OTP_MAX_SENDS_PER_PHONE_PER_DAY: '1' });
    await signIn.start();
    clock.advance(31);
    await signIn.resend();
    expect(signIn.publicParameters).toMatchObject({ delivery: 'reused' });
    clock.advance(180);

    // Act
    await signIn.resend();

    // Assess
    expectContractB(signIn.publicParameters);
    expect(signIn.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'phone-daily-cap' });
    expect(Number(signIn.publicParameters.resendInSeconds)).toBeGreaterThan(0);
    expect(await codes()).toHaveLength(1);
  });

  it('bounds the resends of one sign-in by OTP_MAX_RESENDS_PER_SIGN_IN, and the rounds of the sign-in too', async () => {
    // Prepare
    const { signIn, codes, clock } = await app({ OTP_MAX_RESENDS_PER_SIGN_IN: '2' });
    await signIn.start();

    // Act: ask for a new code again and again, each time well after the wait, until the pool stops asking.
    const deliveries: string[] = [];
    let step = 'challenge';
    for (let i = 0; i < 10 && step === 'challenge'; i++) {
      clock.advance(1800);
      step = await signIn.resend();
      if (step === 'challenge') {
        expectContractB(signIn.publicParameters);
        deliveries.push(signIn.publicParameters.delivery!);
      }
    }

    // Assess: two new codes, then no more; the sign-in ends within maxAttempts + maxResends rounds.
    expect(deliveries.slice(0, 2)).toEqual(['sent', 'sent']);
    expect(deliveries.slice(2).every((delivery) => delivery !== 'sent')).toBe(true);
    expect(await codes()).toHaveLength(3);
    expect(step).toBe('failed');
    expect(signIn.session.length).toBeLessThanOrEqual(3 + 2);
  });
});
