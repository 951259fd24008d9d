import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOn } from '../support/child-sign-ins';
import type { SignIn } from '../support/cognito-flow';
import { HandlerProcess } from '../support/handler-processes';
import { ledgerEnv } from '../support/ledger-env';
import { newOutbox, readOutbox, wrongCode } from '../support/outbox';

/**
 * Issue 21 item 2, replayed through the real handler in 3 node processes sharing one table on the run's dynalite,
 * with default limits, on a clock the test moves forward (no real waiting): an attacker who does not hold the
 * victim's phone fills the victim's number range and signs in as the victim over and over. Before, refusals used up
 * the victim's daily sends: 0 SMS, then `phone-daily-cap` for 18.3 hours. Now only an SMS sent counts, there is no
 * daily cap by default, and a phone whose code signed someone in is not held back by its range.
 */
const SLOW = { timeout: 120_000 };
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const LONGEST_WAIT_S = 1800;

/** The numbers sharing the victim's range (all but the last 4 digits), as an attacker signs up. */
const neighbours = (victim: string, count: number) => Array.from({ length: count }, (_, k) => `${victim.slice(0, -4)}${String(9000 + k)}`);

describe('an attacker cannot lock a victim out through refusals (default limits, 3 handler processes)', () => {
  let processes: HandlerProcess[] = [];
  let outbox = '';
  beforeAll(async () => {
    outbox = await newOutbox();
    processes = await HandlerProcess.startMany(3, { ...(await ledgerEnv()), OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, TEST_SHIFTABLE_CLOCK: '1' });
  }, 60_000);
  afterAll(() => processes.forEach((p) => p.stop()));

  const shift = (ms: number) => HandlerProcess.shiftClocks(processes, ms);
  /** Moves every clock to 5 minutes past the next UTC hour, so that a burst stays within one hour's counters. */
  const toNextHour = async () => {
    const [now = 0] = (await shift(0)) as number[];
    const at = Date.now() + now;
    await shift(Math.ceil(at / HOUR_MS) * HOUR_MS + 5 * MINUTE_MS - at);
  };
  const smsTo = async (phone: string) => (await readOutbox(outbox)).filter((sms) => sms.phone === phone);
  const startAll = (phones: readonly string[]) => Promise.all(phones.map((phone, k) => signInOn(processes, k, phone)).map(async (s) => (await s.start(), s)));
  const told = (signIn: SignIn) => signIn.publicParameters;

  /** The victim's own sign-in: when refused, waits what it was told (at most the longest wait) and tries again; then answers the code texted. */
  async function victimSignsIn(victim: string): Promise<{ waitedSeconds: number; refusals: string[] }> {
    const refusals: string[] = [];
    let waitedSeconds = 0;
    let signIn = signInOn(processes, 0, victim);
    await signIn.start();
    for (let tries = 0; tries < 3 && told(signIn).delivery === 'refused'; tries++) {
      refusals.push(told(signIn).refusal ?? '');
      const seconds = Number(told(signIn).resendInSeconds);
      waitedSeconds += seconds;
      await shift(seconds * 1000);
      signIn = signInOn(processes, tries + 1, victim);
      await signIn.start();
    }
    const code = (await smsTo(victim)).at(-1)?.code ?? '';
    expect(await signIn.answer(code)).toBe('tokens');
    return { waitedSeconds, refusals };
  }

  it("replays the issue's trick on a new number: 20 sign-ups in its range, then 10 sign-ins; the refusals use up none of its sends", SLOW, async () => {
    // Prepare
    await toNextHour();
    const victim = '+821077711234';

    // Act: the range filled (20 SMS to the attacker's numbers), then 10 sign-ins for the victim, refused by the range.
    const filled = await startAll(neighbours(victim, 20));
    const attempts = [];
    for (let i = 0; i < 10; i++) attempts.push(told((await startAll([victim]))[0]!));
    await shift(HOUR_MS);
    const after = (await startAll([victim]))[0]!;

    // Assess: refused by the range until the hour turns, never for the day; then the day's first send (30 s wait after it).
    expect(filled.filter((s) => told(s).delivery === 'sent')).toHaveLength(20);
    expect(new Set(attempts.map((p) => p.refusal))).toEqual(new Set(['range']));
    expect(Math.max(...attempts.map((p) => Number(p.resendInSeconds)))).toBeLessThanOrEqual(HOUR_MS / 1000 - 5 * 60);
    expect(told(after)).toMatchObject({ delivery: 'sent', resendInSeconds: '30', attemptsLeft: '3' });
    expect(await smsTo(victim)).toHaveLength(1);
  });

  it('keeps a victim who signed in before within 30 minutes of a code, all day, whatever the attacker sends', SLOW, async () => {
    // Prepare: the victim signed in once, so the phone is a real handset.
    await toNextHour();
    const victim = '+821077721234';
    await victimSignsIn(victim);
    const rounds = [];

    // Act: 14 rounds, 20 minutes apart (past the old cap of 10 a day): each time the attacker fills the range,
    // signs in as the victim 10 times, and burns the attempts of the code that texts; then the victim signs in.
    for (let round = 0; round < 14; round++) {
      await shift(20 * MINUTE_MS);
      await startAll(neighbours(victim, 20));
      const asVictim = await startAll(Array<string>(10).fill(victim));
      const holder = asVictim.find((s) => told(s).delivery !== 'refused');
      const code = (await smsTo(victim)).at(-1)?.code ?? '';
      for (let i = 0; holder && i < 3; i++) await holder.answer(wrongCode(code));
      rounds.push(await victimSignsIn(victim));
    }

    // Assess: the victim signed in every round (victimSignsIn expects tokens), never waited past the longest wait at
    // a time, was never refused by the range or for the day; every code texted went to the victim's own phone.
    const refusals = rounds.flatMap((r) => r.refusals);
    expect(Math.max(...rounds.map((r) => r.waitedSeconds))).toBeLessThanOrEqual(LONGEST_WAIT_S);
    expect(refusals.filter((refusal) => refusal !== 'resend-wait')).toEqual([]);
    expect((await smsTo(victim)).length).toBeGreaterThan(10);
  });
});
