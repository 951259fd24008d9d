import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPlayground } from '../../local/playground';
import { stubAwsEnv } from '../support/aws-env';
import { ledgerEnv } from '../support/ledger-env';
import { newOutbox } from '../support/outbox';

/** Starts a playground, asking for `path` the moment its port is bound: before its pool, ledger and page are ready. */
async function askWhileStarting(env: Record<string, string | undefined>, path: string) {
  let early: Promise<Response> | undefined;
  const started = startPlayground({
    env,
    demo: true,
    onListening: (endpoint) => (early = fetch(`${endpoint}${path}`, { signal: AbortSignal.timeout(20_000) })),
  });
  const playground = await started;
  if (!early) throw new Error('onListening was never called');
  return { playground, response: await early };
}

describe('npm start answers from its first request', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('holds a request that comes while it starts, and answers it once ready', async () => {
    // Prepare
    stubAwsEnv();
    const env = { ...(await ledgerEnv()), OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: await newOutbox(), LOG_LEVEL: 'silent' };

    // Act
    const { playground, response } = await askWhileStarting(env, '/config.json');

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(playground.config);
    await playground.close();
  });
});
