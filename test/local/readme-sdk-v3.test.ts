import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox, wrongCode } from '../support/outbox';
import { type NpmStart, startNpmStart } from '../support/npm-start';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOC = 'docs/client.md';
const HEADING = '## Sign-up and sign-in with the AWS SDK v3';

type Step = { kind: 'challenge'; challenge: Record<string, string> } | { kind: 'signed-in'; tokens: { IdToken?: string; AccessToken?: string } };
interface SmsSignIn {
  start(phone: string): Promise<Step>;
  answer(challenge: Record<string, string>, code: string): Promise<Step>;
  resend(challenge: Record<string, string>): Promise<Step>;
  close(): void;
}

/** The SDK v3 block of docs/client.md, the first ```ts block under its heading, written into the repository (for its node_modules) and imported as an app would. */
async function readmeSnippet(): Promise<{ smsSignIn: (address: { region: string; clientId: string; endpoint?: string }) => SmsSignIn }> {
  const doc = await readFile(`${ROOT}${DOC}`, 'utf8');
  const section = doc.slice(doc.indexOf(HEADING));
  const source = /```ts\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!doc.includes(HEADING) || !source) throw new Error(`${DOC} has no ts block under "${HEADING}"`);
  const file = `${ROOT}.local/readme-snippets/sdk-v3-${process.pid}.ts`;
  await mkdir(`${ROOT}.local/readme-snippets`, { recursive: true });
  await writeFile(file, source);
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

const challengeOf = (step: Step) => {
  if (step.kind !== 'challenge') throw new Error(`expected a challenge, got ${step.kind}`);
  return step.challenge;
};

/** The codes texted to `phone`, oldest first. */
const codesTo = async (server: NpmStart, phone: string) => (await readOutbox(server.outbox)).filter((sms) => sms.phone === phone).map((sms) => sms.code);

/** `npm start` with the given resend interval, and the doc's snippet signed in against it, for the describe block it is called in. */
function readmeAgainstNpmStart(resendIntervalSeconds: string): { server: () => NpmStart; signIn: () => SmsSignIn } {
  let server: NpmStart | undefined;
  let signIn: SmsSignIn | undefined;
  beforeAll(async () => {
    server = await startNpmStart({ OTP_RESEND_INTERVAL_SECONDS: resendIntervalSeconds });
    const { smsSignIn } = await readmeSnippet();
    signIn = smsSignIn({ region: server.region, clientId: server.clientId, endpoint: server.endpoint });
  }, 40_000);
  afterAll(async () => {
    signIn?.close();
    await server?.stop();
  });
  return { server: () => server!, signIn: () => signIn! };
}

describe("docs/client.md's AWS SDK v3 sequence, run as written against `npm start`", () => {
  // A resend interval of 0: every sign-in and every resend may send at once, so the sequence runs without waiting.
  const run = readmeAgainstNpmStart('0');

  it('signs a new number up and in: SignUp, InitiateAuth CUSTOM_AUTH, a wrong code, then the right one', async () => {
    // Prepare
    const phone = '+821055502001';

    // Act
    const started = await run.signIn().start(phone);
    const [code = ''] = await codesTo(run.server(), phone);
    const afterWrong = await run.signIn().answer(challengeOf(started), wrongCode(code));
    const done = await run.signIn().answer(challengeOf(afterWrong), code);

    // Assess
    expect(challengeOf(started)).toMatchObject({ codeLength: '6', attemptsLeft: '3' });
    // The pool sends no number (issue 21); README's snippet still defaults its `phone` field to ''.
    expect(challengeOf(started).phone ?? '').toBe('');
    expect(challengeOf(afterWrong).attemptsLeft).toBe('2');
    expect(done).toMatchObject({ kind: 'signed-in', tokens: { IdToken: expect.any(String), AccessToken: expect.any(String) } });
  });

  it('signs a returning number in: SignUp says it exists, and a new code comes', async () => {
    // Prepare
    const phone = '+821055502002';
    const first = await run.signIn().start(phone);
    await run.signIn().answer(challengeOf(first), (await codesTo(run.server(), phone))[0] ?? '');

    // Act
    const again = await run.signIn().start(phone);
    const codes = await codesTo(run.server(), phone);
    const done = await run.signIn().answer(challengeOf(again), codes.at(-1) ?? '');

    // Assess
    expect(codes).toHaveLength(2);
    expect(done.kind).toBe('signed-in');
  });

  it('resends within the sign-in: a new code, no attempt spent, the old code retired', async () => {
    // Prepare
    const phone = '+821055502003';
    const started = await run.signIn().start(phone);
    const [first = ''] = await codesTo(run.server(), phone);

    // Act
    const resent = await run.signIn().resend(challengeOf(started));
    const codes = await codesTo(run.server(), phone);
    const withOld = await run.signIn().answer(challengeOf(resent), first);
    const done = await run.signIn().answer(challengeOf(withOld), codes.at(-1) ?? '');

    // Assess
    expect(challengeOf(resent)).toMatchObject({ delivery: 'sent', attemptsLeft: '3', resendInSeconds: '0' });
    expect(codes).toHaveLength(2);
    expect(challengeOf(withOld).attemptsLeft).toBe('2');
    expect(done.kind).toBe('signed-in');
  });

  it('said where its ledger is: its own in-memory dynalite', () => {
    // Assess
    expect(run.server().ledger).toMatch(/^table otp-ledger in an in-memory dynalite at http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('the same sequence against `npm start` with a resend interval: the ledger across sign-ins', () => {
  const run = readmeAgainstNpmStart('60');

  it('reuses the live code on a second sign-in within the wait, and refuses it once it has signed someone in', async () => {
    // Prepare
    const phone = '+821055502004';
    const first = await run.signIn().start(phone);

    // Act
    const second = await run.signIn().start(phone);
    const codes = await codesTo(run.server(), phone);
    const wrongInSecond = await run.signIn().answer(challengeOf(second), wrongCode(codes[0] ?? ''));
    const done = await run.signIn().answer(challengeOf(wrongInSecond), codes[0] ?? '');
    // The first sign-in's session answered with the code that has just signed someone in: a challenge again, or refused.
    const replayed = await run
      .signIn()
      .answer(challengeOf(first), codes[0] ?? '')
      .then(
        (step) => step.kind,
        (error: Error) => error.name,
      );

    // Assess
    expect(challengeOf(first)).toMatchObject({ delivery: 'sent', attemptsLeft: '3' });
    expect(challengeOf(second)).toMatchObject({ delivery: 'reused', attemptsLeft: '3' });
    expect(codes).toHaveLength(1);
    expect(challengeOf(wrongInSecond).attemptsLeft).toBe('2');
    expect(done.kind).toBe('signed-in');
    expect(replayed).not.toBe('signed-in');
  });
});
