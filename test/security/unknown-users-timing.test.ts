import { afterAll, describe, expect, it } from 'vitest';
import type { OtpProvider } from '../../src/domain/ports';
import type { TriggerHandler } from '../../src/router';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { RecordingDelivery } from '../support/fakes';
import { ledgerEndpoint } from '../support/ledger-env';
import { SlowDynamoDb } from '../support/slow-dynamodb';
import { SlowKeepingProvider } from '../support/slow-providers';

/**
 * Issue 11, part 3: an unknown user's sign-in takes as long as a known user's, so time tells nobody who has an account.
 * Real timing is the point here, so this file runs in the slow project (`npm run test:slow`), alone.
 */

const PROVIDER_MS = 150;
const RUNS = 15;
const MAX_GAP_MS = 40;

/** Wraps a handler to time each trigger it runs. */
function timed(handler: TriggerHandler) {
  const times: Record<string, number[]> = {};
  const wrapped: TriggerHandler = async (event, context) => {
    const started = performance.now();
    try {
      return await handler(event, context);
    } finally {
      const source = (event as { triggerSource: string }).triggerSource;
      (times[source] ??= []).push(performance.now() - started);
    }
  };
  return { handler: wrapped, times };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

describe.each([
  { name: 'codes made here (sns, fake)', provider: () => new RecordingDelivery(PROVIDER_MS) as OtpProvider, dynamoDbMs: 0 },
  { name: 'codes kept by the provider (easyauth, twilio)', provider: () => new SlowKeepingProvider(PROVIDER_MS) as OtpProvider, dynamoDbMs: 0 },
  { name: 'codes made here, DynamoDB at 8 ms a call', provider: () => new RecordingDelivery(PROVIDER_MS) as OtpProvider, dynamoDbMs: 8 },
])('timing of unknown and known users, with $name, the provider taking ~150 ms', ({ name, provider, dynamoDbMs }) => {
  let slowDynamoDb: SlowDynamoDb | undefined;
  afterAll(() => slowDynamoDb?.stop());

  it(`Create and Verify medians over ${RUNS} runs differ by less than ${MAX_GAP_MS} ms`, { timeout: 60_000 }, async () => {
    // Prepare: one warm handler; each run is a first sign-in (a real send) of a new known phone or a new unknown user name.
    slowDynamoDb = dynamoDbMs > 0 ? await new SlowDynamoDb(ledgerEndpoint(), dynamoDbMs).start() : undefined;
    const endpoint = slowDynamoDb ? { AWS_ENDPOINT_URL_DYNAMODB: slowDynamoDb.origin } : {};
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', ...endpoint }, { provider: provider() });
    const known = timed(handler);
    const unknown = timed(handler);
    await new SignIn(handler, { phone: '+821099990000' }).start();

    // Act: interleaved, so that load on the machine falls on both alike.
    for (let run = 0; run < RUNS; run++) {
      const knownSignIn = new SignIn(known.handler, { phone: `+8210${String(20 + run).padStart(2, '0')}001234` });
      const unknownSignIn = new SignIn(unknown.handler, { userNotFound: true, userName: `nobody-timing-${run}` });
      for (const signIn of [knownSignIn, unknownSignIn]) {
        expect(await signIn.start()).toBe('challenge');
        expect(signIn.publicParameters.delivery).toBe('sent');
        await signIn.answer('000000');
      }
    }

    // Assess
    const figures = Object.fromEntries(
      (['CreateAuthChallenge_Authentication', 'VerifyAuthChallengeResponse_Authentication'] as const).map((trigger) => {
        const [k, u] = [median(known.times[trigger]!.slice(0, RUNS)), median(unknown.times[trigger]!.slice(0, RUNS))];
        return [trigger.split('_')[0]!, { knownMs: Math.round(k), unknownMs: Math.round(u), gapMs: Math.round(Math.abs(k - u)) }];
      }),
    );
    console.log(`unknown vs known users, ${name}, provider ${PROVIDER_MS} ms, medians of ${RUNS}:`, JSON.stringify(figures));
    for (const figure of Object.values(figures)) expect(figure.gapMs).toBeLessThan(MAX_GAP_MS);
  });
});
