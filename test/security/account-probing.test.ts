import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignIn } from '../support/cognito-flow';
import { HandlerProcess } from '../support/handler-processes';
import { ledgerEnv } from '../support/ledger-env';
import { newOutbox, readOutbox } from '../support/outbox';

/**
 * Issue 21, item 6: the masked number in the public challenge parameters ended in the typed digits for known users
 * and for unknown users whose user name is a number, but came from the stand-in for any other unknown user name.
 * Now the parameters carry no number, and a whole sign-in shows the same parameters whoever asks.
 */
const PER_KIND = 10;
const BOUNDED = { timeout: 60_000 };

type Options = ConstructorParameters<typeof SignIn>[1];
type Trace = { step: string; parameters: [string, string][] }[];

/** One prober's sign-ins: a first one, a wrong answer, a resend, another wrong answer, a second sign-in and its wrong answer. */
async function script(handler: HandlerProcess['handler'], options: Options): Promise<Trace> {
  const trace: Trace = [];
  const record = async (signIn: SignIn, act: () => Promise<string>) => trace.push({ step: await act(), parameters: Object.entries(signIn.publicParameters) });
  const first = new SignIn(handler, options);
  const second = new SignIn(handler, options);
  await record(first, () => first.start());
  await record(first, () => first.answer('000000'));
  await record(first, () => first.resend());
  await record(first, () => first.answer('000001'));
  await record(second, () => second.start());
  await record(second, () => second.answer('000002'));
  return trace;
}

/** The seconds left to wait and to answer, which a second's turn between two requests may move by 1. */
const CLOCK_READINGS = new Set(['resendInSeconds', 'expiresInSeconds']);
/** The trace without the clock readings. */
const shape = (trace: Trace) => JSON.stringify(trace.map(({ step, parameters }) => [step, parameters.filter(([name]) => !CLOCK_READINGS.has(name))]));
const waits = (trace: Trace) => trace.flatMap(({ parameters }) => parameters.filter(([name]) => name === 'resendInSeconds').map(([, value]) => Number(value)));

describe(`known and unknown users, ${PER_KIND} of each kind at once over 3 handler processes on one table`, () => {
  let processes: HandlerProcess[] = [];
  let outbox = '';
  beforeAll(async () => {
    outbox = await newOutbox();
    processes = await HandlerProcess.startMany(3, { ...(await ledgerEnv()), OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
  }, 60_000);
  afterAll(() => processes.forEach((p) => p.stop()));

  it('see the same public parameters step for step: known users, unknown numbers, unknown names that are not numbers', BOUNDED, async () => {
    // Prepare: every number in its own range, so that no range limit refuses a send.
    const kinds: Record<string, Options[]> = {
      known: Array.from({ length: PER_KIND }, (_, k) => ({ phone: `+8210${5100 + k}1234`, userName: `user-${k}` })),
      'unknown, a number': Array.from({ length: PER_KIND }, (_, k) => ({ userNotFound: true, userName: `+8210${5200 + k}1234` })),
      'unknown, a name': Array.from({ length: PER_KIND }, (_, k) => ({ userNotFound: true, userName: `nobody-${k}` })),
    };

    // Act
    const traces = Object.fromEntries(
      await Promise.all(
        Object.entries(kinds).map(
          async ([kind, users]) => [kind, await Promise.all(users.map((options, k) => script(processes[k % 3]!.handler, options)))] as const,
        ),
      ),
    );

    // Assess
    const all = Object.values(traces).flat();
    const distinct = new Set(all.map(shape));
    console.log(`${all.length} probers in 3 kinds: ${distinct.size} distinct trace(s): ${[...distinct].join(' | ')}`);
    expect(distinct.size).toBe(1);
    expect(all.flatMap(waits).every((seconds) => seconds >= 0 && seconds <= 30)).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(/[+*]/);
    expect(all[0]!.map(({ step }) => step)).toEqual(['challenge', 'challenge', 'challenge', 'challenge', 'challenge', 'failed']);
    expect((await readOutbox(outbox)).map((sms) => sms.phone).sort()).toEqual(kinds.known!.map((options) => options!.phone).sort());
  });
});
