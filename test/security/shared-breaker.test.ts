import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AWS_ENV } from '../support/aws-env';
import { SignIn } from '../support/cognito-flow';
import { EasyAuthServer } from '../support/easyauth-server';
import { HandlerProcess } from '../support/handler-processes';
import { ledgerEnv } from '../support/ledger-env';
import { SnsServer } from '../support/sns-server';

/**
 * The breaker is one item of the ledger table, shared by every instance: three Lambda instances (processes) on one
 * dynalite open it together, exactly once, then all skip the primary, and after the cool-off exactly one of them
 * sends the trial that lets it back in. Clocks move forward together (TEST_SHIFTABLE_CLOCK).
 */

const FAILURES = 3;
const COOLOFF_SECONDS = 60;
const OPENED = 'PROVIDER_BREAKER_OPENED';

describe('a breaker shared by every instance', () => {
  let processes: HandlerProcess[];
  let easyauth: EasyAuthServer;
  let sns: SnsServer;
  let phones = 0;

  const easyauthSends = () => easyauth.received.filter((r) => r.path === '/v1/send').length;
  /** One sign-in per process, at once, each to its own phone (no resend wait between them). */
  const signInOnEach = () => Promise.all(processes.map((p) => new SignIn(p.handler, { phone: `+8210${5200 + phones++}1234` }).start()));
  const openings = () => processes.flatMap((p) => p.logs).filter((line) => line.errorCode === OPENED).length;

  beforeAll(async () => {
    [easyauth, sns] = await Promise.all([new EasyAuthServer().start(), new SnsServer().start()]);
    processes = await HandlerProcess.startMany(3, {
      ...(await ledgerEnv()),
      TEST_SHIFTABLE_CLOCK: '1',
      OTP_PROVIDER: 'easyauth',
      EASYAUTH_BASE_URL: easyauth.baseUrl,
      EASYAUTH_API_KEY: easyauth.apiKey,
      OTP_FALLBACK_PROVIDER: 'sns',
      APP_NAME: 'Hello',
      AWS_REGION: TEST_AWS_ENV.AWS_REGION,
      AWS_ENDPOINT_URL_SNS: sns.origin,
      OTP_BREAKER_FAILURES: String(FAILURES),
      OTP_BREAKER_COOLOFF_SECONDS: String(COOLOFF_SECONDS),
    });
  }, 60_000);
  afterAll(async () => {
    processes.forEach((p) => p.stop());
    await Promise.all([easyauth.stop(), sns.stop()]);
  });

  it('opens once across instances, skips the primary, and lets it back in after one trial', { timeout: 30_000 }, async () => {
    // Prepare
    for (let i = 0; i < FAILURES; i++) easyauth.faults.push({ status: 500 });

    // Act
    const failing = await signInOnEach();
    const openedAfterFailures = openings();
    const beforeSkip = easyauthSends();
    const skipping = await signInOnEach();
    const sendsWhileOpen = easyauthSends() - beforeSkip;
    await HandlerProcess.shiftClocks(processes, (COOLOFF_SECONDS + 1) * 1000);
    const beforeTrial = easyauthSends();
    const trial = await signInOnEach();
    const trialSends = easyauthSends() - beforeTrial;
    const beforeBack = easyauthSends();
    const back = await signInOnEach();
    const sendsWhenBack = easyauthSends() - beforeBack;

    // Assess
    expect([...failing, ...skipping, ...trial, ...back].every((step) => step === 'challenge')).toBe(true);
    expect(openedAfterFailures).toBe(1);
    expect(sendsWhileOpen).toBe(0);
    expect(trialSends).toBe(1);
    expect(sendsWhenBack).toBe(3);
    // Three failovers, three skipped while open, two skipped during the trial: every one sent by SNS.
    expect(sns.published.length).toBe(FAILURES + 3 + 2);
    expect(openings()).toBe(1);
  });
});
