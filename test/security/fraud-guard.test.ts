import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../support/app';
import { signInOn } from '../support/child-sign-ins';
import { SignIn } from '../support/cognito-flow';
import { lambdaContext, preSignUpEvent } from '../support/events';
import { HandlerProcess } from '../support/handler-processes';
import { ledgerEnv } from '../support/ledger-env';
import { newOutbox, readOutbox } from '../support/outbox';

/**
 * Issue 13's fraud and cost guard, proven through the real handler: the global SMS budget and the number-range
 * velocity across several node processes (one per Lambda instance) sharing one fresh table on the run's dynalite;
 * the country allowlist and the number types through the in-process app on the same dynalite.
 */
const BOUNDED = { timeout: 20_000 };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The counters are per UTC hour and day: a burst that straddles the turn of the hour would be counted twice. Waits out the last 5 s of an hour. */
async function awayFromHourEdge(): Promise<void> {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

/** Seconds until the current UTC window of `ms` ends, as the handler would tell them. */
const secondsToWindowEnd = (ms: number): number => Math.ceil((ms - (Date.now() % ms)) / 1000);

/** `count` Korean mobiles, each in its own range (they differ before the last 4 digits), so that only the budget limits them. */
const distinctRanges = (count: number, prefix: string): string[] => Array.from({ length: count }, (_, k) => `+8210${prefix}${String(k).padStart(2, '0')}1234`);

/** The processes' environment: the fake provider writing to one outbox, a fresh ledger table, and `limits`. */
async function guardedProcesses(count: number, limits: Record<string, string>) {
  const outbox = await newOutbox();
  const processes = await HandlerProcess.startMany(count, { ...(await ledgerEnv()), OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, ...limits });
  return { outbox, processes };
}

/** Starts one sign-in per phone, all at once, spread over the processes. */
async function startAll(processes: readonly HandlerProcess[], phones: readonly string[]) {
  const signIns = phones.map((phone, k) => signInOn(processes, k, phone));
  const steps = await Promise.all(signIns.map((signIn) => signIn.start()));
  return { signIns, steps, byDelivery: (delivery: string) => signIns.filter((signIn) => signIn.publicParameters.delivery === delivery) };
}

const phoneOf = (signIn: SignIn): string => signIn.attributes.phone_number ?? '';

describe('the global SMS budget per hour, 3 handler processes on one table (OTP_SMS_BUDGET_PER_HOUR=5)', () => {
  let processes: HandlerProcess[] = [];
  let outbox = '';
  beforeAll(async () => {
    ({ processes, outbox } = await guardedProcesses(3, { OTP_SMS_BUDGET_PER_HOUR: '5' }));
  }, 60_000);
  afterAll(() => processes.forEach((p) => p.stop()));

  it('texts exactly 5 of 12 distinct phones signing in at once; the other 7 are refused by the budget and get no SMS', BOUNDED, async () => {
    // Prepare
    await awayFromHourEdge();
    const phones = distinctRanges(12, '30');

    // Act
    const { signIns, steps, byDelivery } = await startAll(processes, phones);

    // Assess: 5 sent, 7 refused with the rule and a wait until the hour turns; the outbox holds the 5 sent phones only.
    expect(steps.every((step) => step === 'challenge')).toBe(true);
    const sent = byDelivery('sent');
    const refused = byDelivery('refused');
    expect(sent).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const signIn of refused) {
      expect(signIn.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'budget', attemptsLeft: '0' });
      // Until the hour turns (or the phone's own wait, if longer): never 0, never more than an hour.
      expect(Number(signIn.publicParameters.resendInSeconds)).toBeGreaterThanOrEqual(secondsToWindowEnd(HOUR_MS) - 5);
      expect(Number(signIn.publicParameters.resendInSeconds)).toBeGreaterThan(0);
      expect(Number(signIn.publicParameters.resendInSeconds)).toBeLessThanOrEqual(3600);
    }
    const texted = (await readOutbox(outbox)).map((sms) => sms.phone);
    expect(texted.sort()).toEqual(sent.map(phoneOf).sort());
    // The sign-ins were served by every process: the limit held across instances, not within one.
    expect(new Set(signIns.map((_, k) => k % processes.length)).size).toBe(3);
  });

  it('still refuses a new phone once the hour is spent, on any process', BOUNDED, async () => {
    // Prepare
    await awayFromHourEdge();
    const before = (await readOutbox(outbox)).length;

    // Act
    const { byDelivery } = await startAll(processes, distinctRanges(3, '31'));

    // Assess
    expect(byDelivery('refused').map((signIn) => signIn.publicParameters.refusal)).toEqual(['budget', 'budget', 'budget']);
    expect(await readOutbox(outbox)).toHaveLength(before);
  });
});

describe('a budget refusal and the ledger (in-process app, OTP_SMS_BUDGET_PER_HOUR=1)', () => {
  // Issue 13 / contracts A and B: a budget refusal gives the ledger's claim back, so no code that never went out is "live".
  it('tells a phone refused by the budget the truth on its next sign-in: no code was sent, so none is "reused"', BOUNDED, async () => {
    // Prepare: the hour's one SMS goes to another phone; this phone is refused by the budget.
    const outbox = await newOutbox();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, OTP_SMS_BUDGET_PER_HOUR: '1' });
    await new SignIn(handler, { phone: '+821095001234' }).start();
    const phone = '+821095011234';
    const first = new SignIn(handler, { phone });
    await first.start();
    expect(first.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'budget' });

    // Act: the user tries again at once.
    const again = new SignIn(handler, { phone });
    await again.start();

    // Assess: nothing was ever texted to it, so the pool must not say a code is live.
    expect((await readOutbox(outbox)).filter((sms) => sms.phone === phone)).toEqual([]);
    expect(again.publicParameters.delivery).not.toBe('reused');
  });
});

describe('the global SMS budget per day, 2 handler processes on one table (OTP_SMS_BUDGET_PER_DAY=3)', () => {
  let processes: HandlerProcess[] = [];
  let outbox = '';
  beforeAll(async () => {
    ({ processes, outbox } = await guardedProcesses(2, { OTP_SMS_BUDGET_PER_DAY: '3' }));
  }, 60_000);
  afterAll(() => processes.forEach((p) => p.stop()));

  it('texts exactly 3 of 8 distinct phones (the hourly budget has room); the others wait for the next UTC day', BOUNDED, async () => {
    // Prepare
    await awayFromHourEdge();

    // Act
    const { byDelivery } = await startAll(processes, distinctRanges(8, '40'));

    // Assess: the wait runs to midnight UTC, not to the end of the hour.
    const sent = byDelivery('sent');
    const refused = byDelivery('refused');
    expect(sent).toHaveLength(3);
    expect(refused).toHaveLength(5);
    const toMidnight = secondsToWindowEnd(DAY_MS);
    for (const signIn of refused) {
      expect(signIn.publicParameters.refusal).toBe('budget');
      expect(Math.abs(Number(signIn.publicParameters.resendInSeconds) - toMidnight)).toBeLessThanOrEqual(5);
    }
    expect((await readOutbox(outbox)).map((sms) => sms.phone).sort()).toEqual(sent.map(phoneOf).sort());
  });
});

describe('number-range velocity, 2 handler processes on one table (OTP_MAX_SENDS_PER_RANGE_PER_HOUR=3, OTP_SMS_BUDGET_PER_HOUR=4)', () => {
  let processes: HandlerProcess[] = [];
  let outbox = '';
  beforeAll(async () => {
    ({ processes, outbox } = await guardedProcesses(2, { OTP_MAX_SENDS_PER_RANGE_PER_HOUR: '3', OTP_SMS_BUDGET_PER_HOUR: '4' }));
  }, 60_000);
  afterAll(() => processes.forEach((p) => p.stop()));

  it(
    'texts 3 of 8 consecutive numbers of one range; the others are refused by the range rule, and the pool budget is charged only for the 3',
    BOUNDED,
    async () => {
      // Prepare: +82 10 5555 0001 … 0008 share all but their last 4 digits; two numbers of other ranges.
      await awayFromHourEdge();
      const range = Array.from({ length: 8 }, (_, k) => `+8210555500${String(k + 1).padStart(2, '0')}`);
      const otherRange = '+821066660001';
      const thirdRange = '+821077770001';

      // Act: the range all at once over both processes; then another range's number (the budget's 4th SMS); then a third range's.
      const { byDelivery } = await startAll(processes, range);
      const other = signInOn(processes, 1, otherRange);
      await other.start();
      const third = signInOn(processes, 0, thirdRange);
      await third.start();

      // Assess
      const sent = byDelivery('sent');
      const refused = byDelivery('refused');
      expect(sent).toHaveLength(3);
      expect(refused).toHaveLength(5);
      for (const signIn of refused) {
        expect(signIn.publicParameters.refusal).toBe('range');
        expect(Number(signIn.publicParameters.resendInSeconds)).toBeGreaterThan(0);
      }
      // The paused range did not eat the pool's budget (the adapter charges range, hour, day in turn and stops at the
      // first refusal): 3 + 1 = 4 SMS fit a budget of 4, and the next is refused by the budget, not by a range.
      expect(other.publicParameters).toMatchObject({ delivery: 'sent' });
      expect(third.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'budget' });
      expect((await readOutbox(outbox)).map((sms) => sms.phone).sort()).toEqual([...sent.map(phoneOf), otherRange].sort());
    },
  );
});

describe('the country allowlist and number types through the handler (OTP_ALLOWED_COUNTRIES=KR)', () => {
  const US = '+12015550123';
  const KR_PREMIUM = '+82602345678';
  const KR_TOLL_FREE = '+82801234567';
  const US_PREMIUM = '+19002345678';
  const app = async (env: Record<string, string> = {}) => {
    const outbox = await newOutbox();
    return { outbox, ...(await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, OTP_ALLOWED_COUNTRIES: 'KR', ...env })) };
  };

  it('sends nothing to a +1 number on Create and tells the refusal (country)', BOUNDED, async () => {
    // Prepare
    const { handler, outbox } = await app();
    const signIn = new SignIn(handler, { phone: US });

    // Act
    const step = await signIn.start();

    // Assess
    expect(step).toBe('challenge');
    expect(signIn.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'country', attemptsLeft: '0' });
    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('refuses a +1 number at PreSignUp in words that name the allowed countries', BOUNDED, async () => {
    // Prepare
    const { handler } = await app();

    // Act
    const signUp = handler(preSignUpEvent('PreSignUp_SignUp', US), lambdaContext());

    // Assess
    await expect(signUp).rejects.toThrow('phone numbers from that country cannot sign up here: use a mobile number from an allowed country (KR)');
  });

  it.each([
    { kind: 'premium-rate', phone: KR_PREMIUM, allowed: 'KR' },
    { kind: 'toll-free', phone: KR_TOLL_FREE, allowed: 'KR' },
    { kind: 'premium-rate (+1 900)', phone: US_PREMIUM, allowed: 'KR,US' },
  ])('refuses a $kind number of an allowed country at PreSignUp, and texts nothing to it on Create', BOUNDED, async ({ phone, allowed }) => {
    // Prepare
    const { handler, outbox } = await app({ OTP_ALLOWED_COUNTRIES: allowed });
    const signIn = new SignIn(handler, { phone });

    // Act
    const signUp = handler(preSignUpEvent('PreSignUp_SignUp', phone), lambdaContext());
    await signIn.start();

    // Assess: contract B has no code of its own for the number type: Create reports it as `country`.
    await expect(signUp).rejects.toThrow(
      /^\[sign-up-number-type\] that number cannot receive a text message \(premium-rate, shared-cost, toll-free, pager or voicemail\)/,
    );
    expect(signIn.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'country' });
    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('accepts a Korean mobile at PreSignUp and texts it', BOUNDED, async () => {
    // Prepare
    const { handler, outbox } = await app();
    const phone = '+821020001234';
    const signIn = new SignIn(handler, { phone });

    // Act
    const signedUp = await handler(preSignUpEvent('PreSignUp_SignUp', phone), lambdaContext());
    await signIn.start();

    // Assess
    expect(signedUp.response).toMatchObject({ autoConfirmUser: true });
    expect(signIn.publicParameters.delivery).toBe('sent');
    expect((await readOutbox(outbox)).map((sms) => sms.phone)).toEqual([phone]);
  });
});

describe('unknown users and the guard', () => {
  const app = async (env: Record<string, string> = {}) => {
    const outbox = await newOutbox();
    return { outbox, ...(await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, OTP_ALLOWED_COUNTRIES: 'KR', ...env })) };
  };

  it.each(['+12015550123', '+82602345678'])(
    'an unknown user signing in as %s gets the same refusal as a known user with that number, and no SMS',
    BOUNDED,
    async (phone) => {
      // Prepare: CreateChallenge checks the number typed (the user name) of an unknown user as it checks a known user's phone.
      const known = await app();
      const unknown = await app();
      const knownSignIn = new SignIn(known.handler, { phone });
      const unknownSignIn = new SignIn(unknown.handler, { userNotFound: true, userName: phone });

      // Act
      await knownSignIn.start();
      await unknownSignIn.start();

      // Assess: the same public parameters, masked number included.
      expect(knownSignIn.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'country' });
      expect(unknownSignIn.publicParameters).toEqual(knownSignIn.publicParameters);
      expect(await readOutbox(unknown.outbox)).toEqual([]);
    },
  );

  it('never texts an unknown user, whatever the budget, and never charges the budget for it', BOUNDED, async () => {
    // Prepare: a budget of one SMS an hour; unknown users sign in first.
    const { handler, outbox } = await app({ OTP_SMS_BUDGET_PER_HOUR: '1' });
    const unknowns = ['+821080001234', '+821080011234', 'not-a-phone'].map((userName) => new SignIn(handler, { userNotFound: true, userName }));
    const known = new SignIn(handler, { phone: '+821080021234' });

    // Act
    for (const signIn of unknowns) await signIn.start();
    await known.start();

    // Assess: the stand-ins cost nothing, so the known user still gets the hour's one SMS.
    expect(unknowns.map((signIn) => signIn.publicParameters.delivery)).toEqual(['sent', 'sent', 'sent']);
    expect(known.publicParameters.delivery).toBe('sent');
    expect((await readOutbox(outbox)).map((sms) => sms.phone)).toEqual(['+821080021234']);
  });

  // Issue 13's contract: "Unknown users are treated like known ones: the same refusals, and no SMS". A stand-in peeks at
  // the budget (counting nothing), so a spent budget refuses it as it refuses a known user.
  it('once the budget is spent, an unknown user is refused by the budget as a known user is', BOUNDED, async () => {
    // Prepare: the hour's one SMS goes to a first known user.
    const { handler } = await app({ OTP_SMS_BUDGET_PER_HOUR: '1' });
    await new SignIn(handler, { phone: '+821090001234' }).start();
    const known = new SignIn(handler, { phone: '+821090011234' });
    const unknown = new SignIn(handler, { userNotFound: true, userName: '+821090021234' });

    // Act
    await known.start();
    await unknown.start();

    // Assess: the same public parameters but the masked number (different numbers).
    expect(known.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'budget' });
    expect({ ...unknown.publicParameters, phone: '' }).toEqual({ ...known.publicParameters, phone: '' });
  });
});
