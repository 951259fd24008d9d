import { type ChildProcess, spawn } from 'node:child_process';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll } from 'vitest';
import { TEST_AWS_ENV } from './aws-env';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { newOutbox } from './outbox';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface NpmStart {
  readonly endpoint: string;
  readonly region: string;
  readonly clientId: string;
  /** The ledger line it printed (where its dynalite is). */
  readonly ledger: string;
  readonly outbox: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, as Ctrl+C would; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** A free loopback port: `npm start` takes PORT from 1 up, not 0. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `npm start` (its script, `tsx local/main.ts`) as a child process on a free port, its fake SMS going to a fresh
 * outbox; resolves once it has printed its banner, with what the banner says.
 */
export async function startNpmStart(env: Record<string, string> = {}): Promise<NpmStart> {
  const outbox = await newOutbox();
  const port = await freePort();
  const child: ChildProcess = spawn(`${ROOT}node_modules/.bin/tsx`, ['local/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const started = Date.now();
  while (!printed.includes('Press Ctrl+C to stop.')) {
    if (child.exitCode !== null || Date.now() - started > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`npm start did not start:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const field = (label: string) => new RegExp(`^\\s+${label}\\s+(.+)$`, 'm').exec(printed)?.[1]?.trim() ?? '';
  return {
    endpoint: field('endpoint'),
    region: field('region'),
    clientId: field('client id'),
    ledger: field('ledger'),
    outbox,
    output: () => printed,
    stop,
  };
}

/**
 * For a describe block: `npm start` before its tests and an AWS SDK v3 client on it (never retrying: a retry could be
 * a second SMS), both gone after them. Read them inside the tests, once beforeAll has run.
 */
export function npmStartWithClient(): { readonly server: () => NpmStart; readonly client: () => CognitoIdentityProviderClient } {
  let server: NpmStart | undefined;
  let client: CognitoIdentityProviderClient | undefined;
  beforeAll(async () => {
    server = await startNpmStart();
    const credentials = { accessKeyId: TEST_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY };
    client = new CognitoIdentityProviderClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
  }, 40_000);
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('npm start is not running: read it inside a test');
    return value;
  };
  return { server: () => started(server), client: () => started(client) };
}
