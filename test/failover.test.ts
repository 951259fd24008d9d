import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../src/adapters/runtime/config';
import type { TriggerHandler } from '../src/router';
import { buildApp } from './support/app';
import { TEST_AWS_ENV } from './support/aws-env';
import { SignIn } from './support/cognito-flow';
import { lambdaContext, PHONE } from './support/events';
import { EasyAuthServer, refusedUrl } from './support/easyauth-server';
import { ledgerEnv } from './support/ledger-env';
import { SnsServer } from './support/sns-server';
import { SolapiServer } from './support/solapi-server';
import { TwilioVerifyServer } from './support/twilio-verify-server';

/**
 * Failover through the real handler, the real ledger on dynalite and each provider behind its real local peer: a
 * primary that definitely sent nothing hands the send to the fallback (one SMS), a timeout never does, and a code
 * the fallback keeps is checked by it, in this sign-in and in a later one that continues the live code.
 */

type Kind = 'easyauth' | 'sns' | 'solapi' | 'twilio';

interface Rig {
  /** The provider's own settings, without OTP_PROVIDER. */
  readonly env: Env;
  /** The next send fails: refused (HTTP 500), or answered after `delayMs`. */
  fail(fault: { status: number } | { delayMs: number }): void;
  /** SMS the provider actually sent. */
  sent(): number;
  lastCode(): string;
  stop(): Promise<void>;
}

const rigs: Record<Kind, () => Promise<Rig>> = {
  async easyauth() {
    const server = await new EasyAuthServer().start();
    // Its send requests, less those its faults answered (each fault here answers a send).
    let faulted = 0;
    return {
      env: { EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey },
      fail: (fault) => (faulted++, server.faults.push(fault)),
      sent: () => server.received.filter((r) => r.path === '/v1/send').length - faulted,
      lastCode: () => server.codes.get(PHONE) ?? '',
      stop: () => server.stop(),
    };
  },
  async sns() {
    const sns = await new SnsServer().start();
    return {
      env: { APP_NAME: 'Hello', AWS_REGION: TEST_AWS_ENV.AWS_REGION, AWS_ENDPOINT_URL_SNS: sns.origin },
      fail: (fault) => sns.faults.push('status' in fault ? { status: fault.status, code: 'InternalError' } : fault),
      sent: () => sns.published.length,
      lastCode: () => sns.lastCode(),
      stop: () => sns.stop(),
    };
  },
  async solapi() {
    const server = await new SolapiServer().start();
    return {
      env: {
        APP_NAME: 'Hello',
        SOLAPI_API_KEY: server.apiKey,
        SOLAPI_API_SECRET: server.apiSecret,
        SOLAPI_SENDER: server.sender,
        SOLAPI_BASE_URL: server.origin,
      },
      fail: (fault) => server.faults.push('status' in fault ? { status: fault.status, errorCode: 'InternalError' } : fault),
      sent: () => server.sent.length,
      lastCode: () => server.lastCode(),
      stop: () => server.stop(),
    };
  },
  async twilio() {
    const server = await new TwilioVerifyServer().start();
    return {
      // Its own settings only: which provider it is, primary or fallback, the pair says.
      env: Object.fromEntries(Object.entries(server.handlerEnv()).filter(([name]) => name !== 'OTP_PROVIDER')),
      fail: (fault) => server.faults.push('status' in fault ? { status: fault.status, code: 20500 } : fault),
      sent: () => server.texts.length,
      lastCode: () => server.lastCode(),
      stop: () => server.stop(),
    };
  },
};

/** Every pair of kinds: kept → made here, made here → kept, kept → kept, made here → made here. */
const PAIRS: [Kind, Kind][] = [
  ['easyauth', 'solapi'],
  ['sns', 'easyauth'],
  ['twilio', 'sns'],
  ['solapi', 'twilio'],
];

/** The handler with 800 ms left per trigger: the provider call is cut at about 500 ms. */
const hurried =
  (handler: TriggerHandler): TriggerHandler =>
  (event) =>
    handler(event, lambdaContext(800));

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

async function pair(primaryKind: Kind, fallbackKind: Kind, extra: Env = {}) {
  const [primary, fallback] = await Promise.all([rigs[primaryKind](), rigs[fallbackKind]()]);
  stops.push(primary.stop, fallback.stop);
  const env = { ...(await ledgerEnv()), ...primary.env, ...fallback.env, OTP_PROVIDER: primaryKind, OTP_FALLBACK_PROVIDER: fallbackKind, ...extra };
  return { primary, fallback, env };
}

describe.each(PAIRS)('%s with %s behind it', (primaryKind, fallbackKind) => {
  it('a refused primary: exactly one SMS, through the fallback, and the sign-in completes', async () => {
    // Prepare
    const { primary, fallback, env } = await pair(primaryKind, fallbackKind);
    const { handler, metrics } = await buildApp(env);
    primary.fail({ status: 500 });

    // Act
    const signIn = new SignIn(handler);
    const started = await signIn.start();
    const outcome = await signIn.answer(fallback.lastCode());

    // Assess
    expect(started).toBe('challenge');
    expect(signIn.publicParameters.delivery).toBe('sent');
    expect(outcome).toBe('tokens');
    expect(primary.sent()).toBe(0);
    expect(fallback.sent()).toBe(1);
    expect(metrics.deliveries).toContainEqual({ kind: 'fallback', from: primaryKind, to: fallbackKind, reason: 'failed' });
    expect(metrics.deliveries).toContainEqual({ kind: 'signed-in', provider: fallbackKind });
  });

  it("a later sign-in continues the fallback's live code, checked by the fallback", async () => {
    // Prepare
    const { primary, fallback, env } = await pair(primaryKind, fallbackKind);
    const { handler, clock } = await buildApp(env);
    primary.fail({ status: 500 });
    await new SignIn(handler).start();
    clock.advance(1);

    // Act
    const again = new SignIn(handler);
    await again.start();
    const delivery = again.publicParameters.delivery;
    const outcome = await again.answer(fallback.lastCode());

    // Assess
    expect(delivery).toBe('reused');
    expect(outcome).toBe('tokens');
    expect(fallback.sent()).toBe(1);
    expect(primary.sent()).toBe(0);
  });
});

describe('what is not "sent nothing"', () => {
  it('an unreachable primary: the fallback sends the one SMS', async () => {
    // Prepare
    const { fallback, env } = await pair('easyauth', 'sns', { EASYAUTH_BASE_URL: await refusedUrl() });
    const { handler } = await buildApp(env);

    // Act
    const signIn = new SignIn(handler);
    await signIn.start();
    const outcome = await signIn.answer(fallback.lastCode());

    // Assess
    expect(outcome).toBe('tokens');
    expect(fallback.sent()).toBe(1);
  });

  it('a primary that timed out: no second SMS, the error goes on and the claim stands', { timeout: 10_000 }, async () => {
    // Prepare
    const { primary, fallback, env } = await pair('sns', 'easyauth');
    const { handler } = await buildApp(env);
    primary.fail({ delayMs: 1000 });

    // Act
    const failed = await new SignIn(hurried(handler)).start().catch((error: unknown) => error as Error);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(fallback.sent()).toBe(0);
  });

  it('both refuse: the last error goes on, and the retry sends a new code at once', async () => {
    // Prepare
    const { primary, fallback, env } = await pair('solapi', 'easyauth');
    const { handler, clock } = await buildApp(env);
    primary.fail({ status: 500 });
    fallback.fail({ status: 500 });
    const failed = await new SignIn(handler).start().catch((error: unknown) => error as Error);
    clock.advance(1);

    // Act
    const retry = new SignIn(handler);
    await retry.start();

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(retry.publicParameters.delivery).toBe('sent');
    expect(primary.sent()).toBe(1);
  });
});
