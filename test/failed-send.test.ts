import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../src/adapters/runtime/config';
import type { TriggerHandler } from '../src/router';
import { buildApp } from './support/app';
import { TEST_AWS_ENV } from './support/aws-env';
import { SignIn } from './support/cognito-flow';
import { lambdaContext, PHONE } from './support/events';
import { EasyAuthServer } from './support/easyauth-server';
import { SnsServer } from './support/sns-server';

/**
 * A send that definitely failed gives its claim back (CodeLedger.releaseSend): the retry sends a new code at once.
 * A send that timed out keeps it: that SMS may still arrive, so the retry continues with its code.
 * Through the real handler, the real ledger on dynalite and each kind of provider behind its real local peer.
 */

const HMAC_SECRET = 'a test HMAC secret that is long enough to be accepted';
const PROVIDER_DELAY_MS = 1000;

interface Rig {
  readonly env: Env;
  /** The next call to the provider fails with HTTP `status`, or answers after `delayMs`. */
  fail(fault: { status: number } | { delayMs: number }): void;
  /** Sends the provider took on (SNS: published; EasyAuth: send requests received). */
  sends(): number;
  stop(): Promise<void>;
}

const rigs: Record<string, () => Promise<Rig>> = {
  async 'sns (codes made here)'() {
    // No keys in process.env: SNS is signed with those of the environment the handler is built from (the ledger's).
    const sns = await new SnsServer().start();
    return {
      env: { OTP_PROVIDER: 'sns', OTP_HMAC_SECRET: HMAC_SECRET, APP_NAME: 'Hello', AWS_REGION: TEST_AWS_ENV.AWS_REGION, AWS_ENDPOINT_URL_SNS: sns.origin },
      fail: (fault) => sns.faults.push('status' in fault ? { status: fault.status, code: 'InternalError' } : fault),
      sends: () => sns.published.length,
      stop: () => sns.stop(),
    };
  },
  async 'easyauth (codes kept by the provider)'() {
    const server = await new EasyAuthServer().start();
    return {
      env: { OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey },
      fail: (fault) => server.faults.push(fault),
      sends: () => server.received.filter((r) => r.path === '/v1/send').length,
      stop: () => server.stop(),
    };
  },
};

/** The handler with 800 ms left per trigger: the provider call is cut at about 500 ms. */
const hurried =
  (handler: TriggerHandler): TriggerHandler =>
  (event) =>
    handler(event, lambdaContext(800));

describe.each(Object.keys(rigs))('a failed send, with %s', (name) => {
  let rig: Rig | undefined;
  afterEach(() => rig?.stop());

  it('refused by the provider (HTTP 500): the user is told to retry, and the retry sends a new code at once', async () => {
    // Prepare
    rig = await rigs[name]!();
    const { handler, clock } = await buildApp(rig.env);
    rig.fail({ status: 500 });
    const failed = await new SignIn(handler, { phone: PHONE }).start().catch((error: unknown) => error as Error);
    clock.advance(1);

    // Act
    const retry = new SignIn(handler, { phone: PHONE });
    const step = await retry.start();

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toContain('could not send the verification code, try again shortly');
    expect(step).toBe('challenge');
    expect(retry.publicParameters).toMatchObject({ delivery: 'sent', attemptsLeft: '3' });
  });

  it('timed out: the SMS may still arrive, so the retry within the wait continues with that code', { timeout: 10_000 }, async () => {
    // Prepare
    rig = await rigs[name]!();
    const { handler, clock } = await buildApp(rig.env);
    rig.fail({ delayMs: PROVIDER_DELAY_MS });
    const failed = await new SignIn(hurried(handler), { phone: PHONE }).start().catch((error: unknown) => error as Error);
    await new Promise((resolve) => setTimeout(resolve, PROVIDER_DELAY_MS));
    clock.advance(1);

    // Act
    const retry = new SignIn(handler, { phone: PHONE });
    const step = await retry.start();

    // Assess: the late SMS went out; no second one.
    expect((failed as Error).message).toContain('could not send the verification code, try again shortly');
    expect(step).toBe('challenge');
    expect(retry.publicParameters).toMatchObject({ delivery: 'reused' });
    expect(rig.sends()).toBe(1);
  });
});
