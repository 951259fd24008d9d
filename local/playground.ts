import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Env } from '../src/adapters/runtime/config';
import { createHandler } from '../src/compose';
import { demoAssets } from './demo/assets';
import { type Asset, requestListener } from './http';
import { type LocalLedgerTable, startLocalLedgerTable } from './ledger-table';
import type { CognitoSmsListener } from './pool/attribute-updates';
import { CUSTOM_AUTH_TRIGGERS, type TriggerName } from './pool/triggers';
import { LocalUserPool } from './pool/user-pool';
import { type PlaygroundSettings, readPlaygroundSettings } from './settings';
import { FUNCTION_ENV } from './function-env';
import { FakeSwitch } from './fake-switch';
import { type PublishedSms, type SnsStub, startSnsStub } from './sns-stub';
import { SETTINGS } from '../src/settings/definitions';
import { secretIdVariable } from '../src/settings/setting';

/** The pool's LambdaConfig: every trigger the project's handler is attached to, as the deployed stack attaches them. */
export const POOL_TRIGGERS: readonly TriggerName[] = [...CUSTOM_AUTH_TRIGGERS, 'PreSignUp', 'PostAuthentication'];

export const DEFAULT_REGION = 'ap-northeast-2';
export const CLIENT_ID = 'localplayground00000client';
export const userPoolIdIn = (region: string) => `${region}_playground`;

/**
 * The fake provider's HMAC key (ledger phone hashes, code proofs): its codes are printed anyway, so a fixed,
 * public value costs nothing and keeps the ledger's keys stable across restarts. Real providers bring their own.
 */
export const FAKE_HMAC_SECRET = 'playground-only-hmac-key-for-the-fake-provider-not-secret';

export interface PlaygroundOptions {
  /** The handler's environment, as the Lambda would get it (OTP_PROVIDER, FAKE_SMS_OUTBOX, …). */
  readonly env: Env;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly region?: string;
  readonly triggers?: readonly TriggerName[];
  /** The pool's clock (sessions, tokens); the handler keeps its own. */
  readonly now?: () => number;
  /** Serve the demo page (bundled at start). */
  readonly demo?: boolean;
  /** Told of every trigger the handler answered, e.g. to print in the terminal that a code was reused. */
  readonly onTrigger?: (event: unknown, result: unknown) => void;
  /** Told of every SMS Cognito itself would send through SNS (the code proving a changed phone number), to show it. */
  readonly onCognitoSms?: CognitoSmsListener;
  /** false: a new phone_number replaces the old at once, as in a pool without keepOriginal. @default true, as the construct's pool */
  readonly keepOriginalPhone?: boolean;
  /** Told of every SMS the fallback (sns, against the playground's local SNS) sends, to show it. */
  readonly onFallbackSms?: (sms: PublishedSms) => void;
  /** Told the endpoint as soon as the port is bound, before the pool is ready: requests from then on wait for it. */
  readonly onListening?: (endpoint: string) => void;
}

/** How long a request that arrives while the playground starts waits for it, before it is refused in words. */
export const STARTING_WAIT_MS = 15_000;

export interface PlaygroundConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

/** Where the handler's verification ledger is: a dynalite this playground started, or the table the caller named. */
export interface PlaygroundLedger {
  readonly tableName: string;
  /** The dynalite's endpoint, when the playground started one. */
  readonly endpoint: string | undefined;
}

export interface Playground {
  readonly config: PlaygroundConfig;
  readonly settings: PlaygroundSettings;
  readonly ledger: PlaygroundLedger;
  /** With the fake provider: its failure switch (the demo page's), and the fallback that sends when it fails. */
  readonly fake: { readonly failSwitch: FakeSwitch; readonly fallback: FallbackInfo | undefined } | undefined;
  close(): Promise<void>;
}

/** The fallback the playground set up for the fake: sns, publishing to a local SNS. */
export interface FallbackInfo {
  readonly provider: 'sns';
  readonly snsEndpoint: string;
}

/** Listens on 127.0.0.1 and serves a local user pool whose triggers run the project's real handler. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const server = createServer();
  // Listening comes first (the port is taken, or the start fails at once); a request that comes before the pool is
  // ready waits for it, and is refused in words if the start fails or takes too long: no request hangs.
  let settle!: { resolve: (listener: RequestListener) => void; reject: (error: unknown) => void };
  const ready = new Promise<RequestListener>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => {}); // told to each waiting request, and thrown to the caller
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void whenReady(ready, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  options.onListening?.(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  let localTable: LocalLedgerTable | undefined;
  let snsStub: SnsStub | undefined;
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    await localTable?.stop();
    await snsStub?.close();
  };

  try {
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const region = options.region ?? DEFAULT_REGION;
    const config: PlaygroundConfig = { endpoint, region, userPoolId: userPoolIdIn(region), userPoolClientId: CLIENT_ID };
    const settings = readPlaygroundSettings(options.env, endpoint);
    // The handler's own Cognito calls (PostAuthentication's AdminUpdateUserAttributes) come back to this pool;
    // its SDK client takes credentials from process.env, which the caller provides (see main.ts).
    // The ledger: unless the caller names a table (OTP_LEDGER_TABLE, e.g. one shared with other processes), an
    // in-memory dynalite on a free loopback port, its table made from the definition infra deploys.
    if (!options.env[FUNCTION_ENV.ledgerTable]?.trim()) localTable = await startLocalLedgerTable();
    const ledgerEnv = localTable ? { [FUNCTION_ENV.ledgerTable]: localTable.tableName, [FUNCTION_ENV.dynamoDbEndpoint]: localTable.endpoint } : {};
    const hmacEnv =
      options.env[FUNCTION_ENV.provider] === 'fake' && !options.env[secretIdVariable(SETTINGS.hmacSecret)]?.trim()
        ? { [FUNCTION_ENV.hmacSecret]: FAKE_HMAC_SECRET }
        : {};
    const isFake = options.env[FUNCTION_ENV.provider] === 'fake';
    // The fake's switch: a file it reads at each send (FAKE_SMS_FAIL_FILE), so the page flips the running function.
    const failSwitch = isFake
      ? new FakeSwitch(options.env[FUNCTION_ENV.fakeFailFile]?.trim() || join(await mkdtemp(join(tmpdir(), 'playground-')), 'fake-sms-fail'))
      : undefined;
    // A failover to watch: unless a fallback is named, sns against a local SNS that prints what it is sent.
    if (isFake && !options.env[FUNCTION_ENV.fallbackProvider]?.trim()) snsStub = await startSnsStub((sms) => options.onFallbackSms?.(sms));
    const fallback: FallbackInfo | undefined = snsStub && { provider: 'sns', snsEndpoint: snsStub.endpoint };
    // sns's SMS text names the app (the fake's never did); the local SNS's endpoint wins, so the fallback never texts for real.
    const defaults: Env = { ...(failSwitch && { [FUNCTION_ENV.fakeFailFile]: failSwitch.file }), ...(fallback && { [FUNCTION_ENV.appName]: 'Playground' }) };
    const fallbackEnv: Env = fallback ? { [FUNCTION_ENV.fallbackProvider]: fallback.provider, [FUNCTION_ENV.snsEndpoint]: fallback.snsEndpoint } : {};
    const env: Env = {
      [FUNCTION_ENV.region]: region,
      ...hmacEnv,
      ...defaults,
      ...options.env,
      ...fallbackEnv,
      ...ledgerEnv,
      [FUNCTION_ENV.userPoolEndpoint]: endpoint,
    };
    const ledger: PlaygroundLedger = { tableName: env[FUNCTION_ENV.ledgerTable] ?? '', endpoint: localTable?.endpoint };
    const real = await createHandler(env);
    const observe = options.onTrigger;
    const handler: typeof real = observe
      ? async (event, context) => {
          const result = await real(event, context);
          observe(event, result);
          return result;
        }
      : real;
    const pool = await LocalUserPool.create(
      {
        region,
        userPoolId: config.userPoolId,
        clientId: CLIENT_ID,
        issuerBase: endpoint,
        triggers: options.triggers ?? POOL_TRIGGERS,
        now: options.now,
        sessionMinutes: settings.sessionMinutes,
        onCognitoSms: options.onCognitoSms,
        keepOriginalPhone: options.keepOriginalPhone,
      },
      handler,
    );
    const assets: ReadonlyMap<string, Asset> = options.demo ? await demoAssets() : new Map();
    settle.resolve(requestListener({ pool, config, assets, corsOrigins: settings.corsOrigins, fakeSwitch: failSwitch }));
    return { config, settings, ledger, fake: failSwitch && { failSwitch, fallback }, close };
  } catch (error) {
    settle.reject(error);
    await new Promise((resolve) => setImmediate(resolve)); // the waiting requests are told before the server closes
    await close();
    throw error;
  }
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function whenReady(ready: Promise<RequestListener>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STARTING_WAIT_MS)));
  try {
    const listener = await Promise.race([ready, late]);
    if (listener !== 'late') return await listener(req, res);
    refuse(res, 'the playground is still starting; try again in a moment\n');
  } catch (error) {
    refuse(res, `the playground did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    clearTimeout(timer);
  }
}

function refuse(res: ServerResponse, words: string): void {
  if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }).end(words);
}
