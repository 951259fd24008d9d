import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Amplify } from 'aws-amplify';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePhone, type SignInStep } from '../src/client';
import { readOutbox, wrongCode } from './support/outbox';
import { startTestPlayground, type TestPlayground } from './support/playground';

/**
 * The Amplify JS v6 blocks of docs/client.md ("Sign-up and sign-in from an app"), type-checked with the TypeScript compiler
 * against our sources: `cognito-sms-otp/client` is mapped to src/client/index.ts, as the package export maps it to
 * its build. A renamed export, a changed signature or a wrong call in the doc fails here. The helper block is also
 * run as written, in node, with aws-amplify configured from the local pool's /config.json (the `npm start` pool).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = 'docs/client.md';
const HEADING = '## Sign-up and sign-in from an app (Amplify JS v6)';
const CHECK = { timeout: 20_000 };

/** The ```ts blocks under the doc's heading, up to the next `## ` heading. */
async function sectionBlocks(): Promise<string[]> {
  const doc = await readFile(`${ROOT}${DOC}`, 'utf8');
  const start = doc.indexOf(HEADING);
  if (start < 0) throw new Error(`${DOC} has no "${HEADING}" section`);
  const rest = doc.slice(start + HEADING.length);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, body = '']) => body);
}

/** The project's compiler options (tsconfig.json) with the package's client export mapped to its source. */
function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return { ...parsed.options, noEmit: true, paths: { ...parsed.options.paths, 'cognito-sms-otp/client': ['./src/client/index.ts'] } };
}

/** The last program built: the next reuses its parsed lib and node_modules files (only the snippet changes). */
let previous: ts.Program | undefined;

/** Type-checks `source` as a module in the repository's root (for its node_modules); returns the messages, file:line first. */
function typeErrors(source: string, options: ts.CompilerOptions): string[] {
  const file = `${ROOT}readme-amplify-snippet.ts`;
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile: read } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language, true) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : read.call(host, name));
  const program = ts.createProgram({ rootNames: [file], options, host, ...(previous && { oldProgram: previous }) });
  previous = program;
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName.replace(ROOT, '')}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe("docs/client.md's Amplify JS v6 sign-up and sign-in, type-checked against src/client", () => {
  let blocks: string[] = [];
  let options: ts.CompilerOptions;
  beforeAll(async () => {
    blocks = await sectionBlocks();
    options = compilerOptions();
  });

  it('has the helper block, importing from cognito-sms-otp/client, and the by-hand block, importing from aws-amplify/auth', () => {
    // Assess
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/from 'cognito-sms-otp\/client';/);
    expect(blocks[1]).toMatch(/from 'aws-amplify\/auth';/);
  });

  it('type-checks the helper block as written', CHECK, () => {
    // Act
    const errors = typeErrors(blocks[0] ?? '', options);

    // Assess
    expect(errors).toEqual([]);
  });

  it('type-checks the by-hand block as written', CHECK, () => {
    // Act
    const errors = typeErrors(blocks[1] ?? '', options);

    // Assess
    expect(errors).toEqual([]);
  });

  it.each([
    { change: 'a renamed export', from: /\bresendCode\b/g, to: 'resendNewCode' },
    { change: 'a wrong argument', from: 'startSignIn(phone.e164)', to: 'startSignIn({ phone: phone.e164 })' },
    { change: 'a result field that does not exist', from: 'phone.words', to: 'phone.message' },
  ])('fails on $change (the check bites)', CHECK, ({ from, to }) => {
    // Prepare
    const broken = (blocks[0] ?? '').replace(from, to);
    expect(broken).not.toBe(blocks[0]);

    // Act
    const errors = typeErrors(broken, options);

    // Assess
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith('readme-amplify-snippet.ts:'))).toBe(true);
  });
});

interface HelperBlock {
  sendCode(typed: string): Promise<SignInStep>;
  verifyCode(code: string): Promise<SignInStep>;
  askForNewCode(): Promise<SignInStep>;
}

/** The helper block as a module: its import pointed at src/client, its three functions exported; written under .local/ (git-ignored) for node_modules. */
async function importHelperBlock(block: string): Promise<HelperBlock> {
  const client = pathToFileURL(`${ROOT}src/client/index.ts`).href;
  const source = `${block.replace("from 'cognito-sms-otp/client'", `from '${client}'`)}\nexport { sendCode, verifyCode, askForNewCode };\n`;
  const file = `${ROOT}.local/readme-snippets/amplify-${process.pid}.ts`;
  await mkdir(`${ROOT}.local/readme-snippets`, { recursive: true });
  await writeFile(file, source);
  return import(/* @vite-ignore */ pathToFileURL(file).href) as Promise<HelperBlock>;
}

const challengeOf = (step: SignInStep) => {
  if (step.kind !== 'challenge') throw new Error(`expected a challenge, got ${step.kind}`);
  return step.challenge;
};

describe("docs/client.md's Amplify JS v6 helper block, run as written against the local pool", () => {
  let pool: TestPlayground;
  let helpers: HelperBlock;
  beforeAll(async () => {
    // A resend interval of 0: the resend in the sequence may send at once.
    pool = await startTestPlayground({ env: { OTP_RESEND_INTERVAL_SECONDS: '0' } });
    const config = (await (await fetch(`${pool.config.endpoint}/config.json`)).json()) as { userPoolId: string; userPoolClientId: string; endpoint: string };
    Amplify.configure({ Auth: { Cognito: { userPoolId: config.userPoolId, userPoolClientId: config.userPoolClientId, userPoolEndpoint: config.endpoint } } });
    helpers = await importHelperBlock((await sectionBlocks())[0] ?? '');
  }, 40_000);
  afterAll(() => pool?.close());
  const codesTo = async (phone: string) => (await readOutbox(pool.outbox)).filter((sms) => sms.phone === phone).map((sms) => sms.code);

  it('signs a new number up and in: typed as at home, a wrong code, a new code, the new code', CHECK, async () => {
    // Prepare
    const phone = '+821012345678';

    // Act
    const started = await helpers.sendCode('010-1234-5678');
    const [first] = await codesTo(phone);
    const wrong = await helpers.verifyCode(wrongCode(first ?? ''));
    const resent = await helpers.askForNewCode();
    const second = (await codesTo(phone))[1];
    const done = await helpers.verifyCode(second ?? '');

    // Assess
    expect(challengeOf(started)).toMatchObject({ codeLength: 6, attemptsLeft: 3, delivery: 'sent' });
    expect(challengeOf(started)).not.toHaveProperty('phone');
    expect(challengeOf(wrong)).toMatchObject({ attemptsLeft: 2, delivery: 'reused' });
    expect(challengeOf(resent)).toMatchObject({ delivery: 'sent' });
    expect(second).toMatch(/^\d{6}$/);
    expect(second).not.toBe(first);
    expect(done).toEqual({ kind: 'signed-in' });
  });

  it('refuses a number that is not one in words, before any request', CHECK, async () => {
    // Prepare
    const before = (await readOutbox(pool.outbox)).length;
    const expected = normalizePhone('12', 'KR');
    if (expected.ok) throw new Error('normalizePhone accepted 12');

    // Act
    const refused = helpers.sendCode('12');

    // Assess
    await expect(refused).rejects.toThrow(expected.words);
    expect(await readOutbox(pool.outbox)).toHaveLength(before);
  });
});
