import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessWrong, loggedOutcomes, signInOn } from '../support/child-sign-ins';
import { SignIn } from '../support/cognito-flow';
import { EasyAuthServer } from '../support/easyauth-server';
import { CREATE, HandlerProcess, VERIFY } from '../support/handler-processes';
import { ledgerEnv } from '../support/ledger-env';
import { newOutbox, readOutbox } from '../support/outbox';

/**
 * Issue 12's attacks, replayed through the real handler in several node processes (one per Lambda instance) that
 * share one ledger table on the run's dynalite. Each used to get in; each must now fail.
 */
const MAX_ATTEMPTS = 3;
const SIGN_INS = 10;
const GUESSES_PER_SIGN_IN = 3;
const SLOW = { timeout: 60_000 };

const smsTo = async (outbox: string, phone: string) => (await readOutbox(outbox)).filter((sms) => sms.phone === phone);

/** Many sign-ins, spread over the processes, each guessing 3 codes at one live code: the guessing attack. */
async function guessingAttack(processes: readonly HandlerProcess[], phone: string, rightCode: string) {
  const attackers = Array.from({ length: SIGN_INS }, (_, k) => signInOn(processes, k + 1, phone));
  const verifies = await Promise.all(attackers.map((signIn, k) => guessWrong(signIn, rightCode, GUESSES_PER_SIGN_IN, 1 + k * GUESSES_PER_SIGN_IN)));
  const total = verifies.reduce((a, b) => a + b, 0);
  return { attackers, outcomes: await loggedOutcomes(processes, VERIFY, phone, total) };
}

describe.each([
  { codeLength: 6, processes: 5 },
  { codeLength: 4, processes: 3 },
])('the ledger against attacks, $processes handler processes with $codeLength-digit codes (fake provider)', ({ codeLength, processes: count }) => {
  let processes: HandlerProcess[] = [];
  let outbox = '';
  beforeAll(async () => {
    outbox = await newOutbox();
    const env = {
      ...(await ledgerEnv()),
      OTP_PROVIDER: 'fake',
      FAKE_SMS_OUTBOX: outbox,
      OTP_CODE_LENGTH: String(codeLength),
      OTP_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    };
    processes = await HandlerProcess.startMany(count, env);
  }, 60_000);
  afterAll(() => processes.forEach((p) => p.stop()));

  it(`counts at most ${MAX_ATTEMPTS} wrong answers per code across ${SIGN_INS} sign-ins, then refuses even the right code`, SLOW, async () => {
    // Prepare: the victim's sign-in texts a code; a second sign-in (the victim's other tab) holds it with every attempt left.
    const phone = `+82102${codeLength}000001`;
    const victim = signInOn(processes, 0, phone);
    expect(await victim.start()).toBe('challenge');
    expect(victim.publicParameters.delivery).toBe('sent');
    const [sms] = await smsTo(outbox, phone);
    const rightCode = sms?.code ?? '';
    expect(rightCode).toHaveLength(codeLength);
    const patient = signInOn(processes, 1, phone);
    await patient.start();
    expect(patient.publicParameters).toMatchObject({ delivery: 'reused', attemptsLeft: String(MAX_ATTEMPTS) });

    // Act: 10 sign-ins at once, over every process, 3 wrong guesses each; then the right code, in a sign-in that holds the code and in a new one.
    const { attackers, outcomes } = await guessingAttack(processes, phone, rightCode);
    const rightInHeld = await patient.answer(rightCode);
    const late = signInOn(processes, 2, phone);
    await late.start();
    const rightInNew = await late.answer(rightCode);

    // Assess: the ledger counted MAX_ATTEMPTS wrong answers in all, refused the rest, and the code is dead for good.
    expect(outcomes.filter((outcome) => outcome === 'wrong')).toHaveLength(MAX_ATTEMPTS);
    expect(outcomes.filter((outcome) => outcome !== 'wrong' && !outcome.startsWith('dead') && outcome !== 'no-code')).toEqual([]);
    expect(attackers.flatMap((signIn) => signIn.session.filter((round) => round.challengeResult))).toEqual([]);
    expect(rightInHeld).not.toBe('tokens');
    expect(rightInNew).not.toBe('tokens');
    expect(patient.session.at(-1)?.challengeResult).toBe(false);
    // The user needs a new code, which the wait does not allow yet: the new sign-in is told when.
    expect(late.publicParameters.delivery).toBe('refused');
    expect(Number(late.publicParameters.resendInSeconds)).toBeGreaterThan(0);
    expect(await smsTo(outbox, phone)).toHaveLength(1);
  });

  it('refuses a code that signed someone in, in a new sign-in within the resend window (replay)', SLOW, async () => {
    // Prepare: a sign-in on one process succeeds with the texted code.
    const phone = `+82103${codeLength}000002`;
    const first = signInOn(processes, 0, phone);
    await first.start();
    const [sms] = await smsTo(outbox, phone);
    expect(await first.answer(sms?.code ?? '')).toBe('tokens');

    // Act: a new sign-in, on another process, within the window, answers the same code.
    const replay = signInOn(processes, 1, phone);
    await replay.start();
    const step = await replay.answer(sms?.code ?? '');

    // Assess
    expect(step).not.toBe('tokens');
    expect(replay.session.map((round) => round.challengeResult)).toEqual([false]);
    expect(await loggedOutcomes(processes, VERIFY, phone, 2)).toEqual(['correct', expect.not.stringMatching(/^correct$/)]);
    expect(await smsTo(outbox, phone)).toHaveLength(1);
  });

  it.runIf(codeLength === 6)('sends exactly one SMS for 50 concurrent sign-ins of one phone over the processes', SLOW, async () => {
    // Prepare
    const phone = '+821040000003';
    const signIns = Array.from({ length: 50 }, (_, k) => signInOn(processes, k, phone));

    // Act
    const steps = await Promise.all(signIns.map((signIn) => signIn.start()));

    // Assess: one sent, 49 reused, across processes; one SMS in the outbox.
    expect(steps.every((step) => step === 'challenge')).toBe(true);
    const deliveries = signIns.map((signIn) => signIn.publicParameters.delivery);
    expect(deliveries.filter((delivery) => delivery === 'sent')).toHaveLength(1);
    expect(deliveries.filter((delivery) => delivery === 'reused')).toHaveLength(49);
    expect((await loggedOutcomes(processes, CREATE, phone, 50)).sort()).toEqual(['sent', ...Array<string>(49).fill('reused')].sort());
    expect(new Set(processes.map((p) => p.outcomes(CREATE).length > 0))).toEqual(new Set([true]));
    expect(await smsTo(outbox, phone)).toHaveLength(1);
  });
});

describe('the ledger against attacks with a provider that keeps its codes (easyauth), 3 handler processes', () => {
  let processes: HandlerProcess[] = [];
  let server: EasyAuthServer;
  beforeAll(async () => {
    server = await new EasyAuthServer().start();
    const env = { ...(await ledgerEnv()), OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey };
    processes = await HandlerProcess.startMany(3, env);
  }, 60_000);
  afterAll(async () => {
    processes.forEach((p) => p.stop());
    await server.stop();
  });
  const checksFor = (phone: string) =>
    server.received.filter((request) => request.path === '/v1/verify' && (request.body as { phone?: string }).phone === phone);

  it(`counts wrong answers per send: at most ${MAX_ATTEMPTS} reach the provider, then even the right code is refused`, SLOW, async () => {
    // Prepare
    const phone = '+821050000004';
    const victim = signInOn(processes, 0, phone);
    await victim.start();
    const rightCode = server.codes.get(phone) ?? '';
    expect(rightCode).toMatch(/^\d{6}$/);
    const patient = signInOn(processes, 1, phone);
    await patient.start();

    // Act
    const { attackers, outcomes } = await guessingAttack(processes, phone, rightCode);
    const rightInHeld = await patient.answer(rightCode);

    // Assess: the provider still holds the right code, yet the ledger stops it; only MAX_ATTEMPTS checks reached the provider.
    expect(outcomes.filter((outcome) => outcome === 'wrong')).toHaveLength(MAX_ATTEMPTS);
    expect(checksFor(phone)).toHaveLength(MAX_ATTEMPTS);
    expect(attackers.flatMap((signIn) => signIn.session.filter((round) => round.challengeResult))).toEqual([]);
    expect(rightInHeld).not.toBe('tokens');
    expect(server.codes.get(phone)).toBe(rightCode);
    expect(server.received.filter((request) => request.path === '/v1/send')).toHaveLength(1);
  });

  it('refuses a send that signed someone in, even if the provider would accept its code again (replay)', SLOW, async () => {
    // Prepare: a sign-in succeeds; then the provider is made to accept the code again, as a lenient one might.
    const phone = '+821060000005';
    const first = signInOn(processes, 0, phone);
    await first.start();
    const code = server.codes.get(phone) ?? '';
    expect(await first.answer(code)).toBe('tokens');
    server.codes.set(phone, code);

    // Act
    const replay = new SignIn(processes[1]!.handler, { phone });
    await replay.start();
    const step = await replay.answer(code);

    // Assess: refused by the ledger before the provider was asked again.
    expect(step).not.toBe('tokens');
    expect(checksFor(phone)).toHaveLength(1);
    expect((await loggedOutcomes(processes, VERIFY, phone, 2))[0]).toBe('correct');
  });
});
