import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneNumber } from '../src/domain/phone';
import type { ProviderCheck } from '../src/domain/ports';
import type { TriggerHandler } from '../src/router';
import { buildApp } from './support/app';
import { SignIn } from './support/cognito-flow';
import { type FakeClock, KeepingProvider, RecordingDelivery } from './support/fakes';
import { ledgerEndpoint } from './support/ledger-env';
import { SlowDynamoDb } from './support/slow-dynamodb';

/*
 * The DynamoDB round trips on each trigger's critical path (issue 24), measured, not assumed: every ledger call goes
 * through a proxy that answers DYNAMODB_MS late and logs when each call was in flight; the provider takes PROVIDER_MS
 * and logs the same. Calls in flight together are one round trip: a round trip is a wave of overlapping calls, the
 * next one starting only after the last has answered. A call in flight with the provider's (a count given back while
 * the SMS goes out) adds no time and is not on the critical path.
 */
const DYNAMODB_MS = 15;
const PROVIDER_MS = 60;
const TRIGGERS = {
  DefineAuthChallenge_Authentication: 'Define',
  CreateAuthChallenge_Authentication: 'Create',
  VerifyAuthChallengeResponse_Authentication: 'Verify',
  PostAuthentication_Authentication: 'PostAuthentication',
} as const;
type Trigger = (typeof TRIGGERS)[keyof typeof TRIGGERS];

interface Interval {
  readonly started: number;
  ended: number;
}

/** Logs when each provider call was in flight. */
class Stopwatch {
  readonly intervals: Interval[] = [];
  async time<T>(call: () => Promise<T>): Promise<T> {
    const interval = { started: performance.now(), ended: Number.POSITIVE_INFINITY };
    this.intervals.push(interval);
    try {
      await new Promise((resolve) => setTimeout(resolve, PROVIDER_MS));
      return await call();
    } finally {
      interval.ended = performance.now();
    }
  }
}

class TimedDelivery extends RecordingDelivery {
  constructor(readonly watch: Stopwatch) {
    super();
  }
  override deliver(phone: PhoneNumber, code: string): Promise<void> {
    return this.watch.time(() => super.deliver(phone, code));
  }
}

class TimedKeeping extends KeepingProvider {
  constructor(readonly watch: Stopwatch) {
    super();
  }
  override startVerification(phone: PhoneNumber): Promise<void> {
    return this.watch.time(() => super.startVerification(phone));
  }
  override checkCode(phone: PhoneNumber, code: string): Promise<ProviderCheck> {
    return this.watch.time(() => super.checkCode(phone, code));
  }
}

/** The number of waves of overlapping calls (each a round trip). */
export function waves(calls: readonly Interval[]): number {
  let count = 0;
  let busyUntil = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.started - b.started)) {
    if (call.started >= busyUntil) count++;
    busyUntil = Math.max(busyUntil, call.ended);
  }
  return count;
}

const keyOf = (body: string): string | undefined => (JSON.parse(body) as { Key?: { pk?: { S?: string } } }).Key?.pk?.S;
const overlaps = (a: Interval, b: Interval) => a.started < b.ended && b.started < a.ended;

/** Runs a script of sign-ins and tells, per trigger invocation in order, the DynamoDB round trips on its critical path. */
async function measure(
  provider: 'made-here' | 'kept',
  script: (handler: TriggerHandler, provider: TimedDelivery | TimedKeeping, clock: FakeClock) => Promise<void>,
) {
  const watch = new Stopwatch();
  const timed = provider === 'made-here' ? new TimedDelivery(watch) : new TimedKeeping(watch);
  const { handler, clock } = await buildApp(
    {
      ...(provider === 'made-here' ? { OTP_PROVIDER: 'fake' } : { OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'test-key' }),
      AWS_ENDPOINT_URL_DYNAMODB: proxy.origin,
    },
    { provider: timed },
  );
  const invocations: (Interval & { trigger: Trigger })[] = [];
  const timedHandler: TriggerHandler = async (event, context) => {
    const source = (event as { triggerSource: keyof typeof TRIGGERS }).triggerSource;
    const invocation = { trigger: TRIGGERS[source], started: performance.now(), ended: Number.POSITIVE_INFINITY };
    try {
      return await handler(event, context);
    } finally {
      invocation.ended = performance.now();
      invocations.push(invocation);
    }
  };
  proxy.timeline.splice(0);
  await script(timedHandler, timed, clock);
  return invocations.map((invocation) => {
    const own = proxy.timeline.filter((call) => call.started >= invocation.started && call.ended <= invocation.ended);
    // DynamoDB answers a refused condition with the item (`ReturnValuesOnConditionCheckFailure`); dynalite does not,
    // so the adapters read it: such a read is dynalite's, not DynamoDB's, and is not counted.
    const refusedKeys = new Set(own.filter((call) => call.refused).map((call) => keyOf(call.body)));
    const onDynamoDb = own.filter((call) => !(call.call.startsWith('GetItem') && refusedKeys.has(keyOf(call.body))));
    const critical = onDynamoDb.filter((call) => !watch.intervals.some((sent) => overlaps(call, sent)));
    return `${invocation.trigger} ${waves(critical)}`;
  });
}

let proxy: SlowDynamoDb;
beforeAll(async () => {
  proxy = await new SlowDynamoDb(ledgerEndpoint(), DYNAMODB_MS).start();
});
afterAll(() => proxy.stop());

/** A sign-in of a user whose number is not verified yet: PostAuthentication reads the ledger's proof. */
function unverified(handler: TriggerHandler, phone: string): SignIn {
  const signIn = new SignIn(handler, { phone });
  signIn.attributes.phone_number_verified = 'false';
  return signIn;
}

let serial = 0;
const freshPhone = () => `+8210${String(20_000_000 + ++serial * 7919).slice(-8)}`;

describe('waves', () => {
  it('counts calls in flight together once, and calls one after another each', () => {
    expect(waves([])).toBe(0);
    expect(
      waves([
        { started: 0, ended: 10 },
        { started: 2, ended: 12 },
        { started: 11, ended: 20 },
      ]),
    ).toBe(1);
    expect(
      waves([
        { started: 0, ended: 10 },
        { started: 10, ended: 20 },
      ]),
    ).toBe(2);
  });
});

describe('DynamoDB round trips on the critical path of each trigger', () => {
  it('codes made here: Define 0, a sending Create 1, a Verify 1 (wrong or right), PostAuthentication 1 (a read)', async () => {
    // Act
    const trips = await measure('made-here', async (handler, provider) => {
      const signIn = unverified(handler, freshPhone());
      await signIn.start();
      await signIn.answer('000000' === (provider as TimedDelivery).lastCode() ? '111111' : '000000');
      await signIn.answer((provider as TimedDelivery).lastCode());
    });

    // Assess: the wrong answer's round after it carries the code on, reading the code's state once.
    expect(trips).toEqual(['Define 0', 'Create 1', 'Verify 1', 'Define 0', 'Create 1', 'Verify 1', 'Define 0', 'PostAuthentication 1']);
  });

  it('a returning user (the range exemption): a sending Create still 1, its range count given back while the SMS goes out', async () => {
    // Act: the phone signs in, and again two hours later (a new code); then a third sign-in within the wait.
    const trips = await measure('made-here', async (handler, provider, clock) => {
      const phone = freshPhone();
      const first = unverified(handler, phone);
      await first.start();
      await first.answer((provider as TimedDelivery).lastCode());
      clock.advance(2 * 3600);
      const second = unverified(handler, phone);
      await second.start();
      await second.answer((provider as TimedDelivery).lastCode());
      await new SignIn(handler, { phone }).start();
    });

    // Assess: the last Create sends nothing (the live code goes on) and gives its charge back: a second round trip.
    expect(trips).toEqual([
      ...['Define 0', 'Create 1', 'Verify 1', 'Define 0', 'PostAuthentication 1'],
      ...['Define 0', 'Create 1', 'Verify 1', 'Define 0', 'PostAuthentication 1'],
      ...['Define 0', 'Create 2'],
    ]);
  });

  it('codes kept by the provider: a sending Create 1, a wrong answer 1, a right answer 2 (the spend after the approval)', async () => {
    // Act
    const trips = await measure('kept', async (handler, provider) => {
      const phone = freshPhone();
      const signIn = unverified(handler, phone);
      await signIn.start();
      const kept = (provider as TimedKeeping).codes.get(phone) ?? '';
      await signIn.answer(kept === '999999' ? '999998' : '999999');
      await signIn.answer(kept);
    });

    // Assess
    expect(trips).toEqual(['Define 0', 'Create 1', 'Verify 1', 'Define 0', 'Create 1', 'Verify 2', 'Define 0', 'PostAuthentication 1']);
  });

  it("an unknown user's stand-in: the same round trips as a known user's first rounds", async () => {
    // Act
    const trips = await measure('made-here', async (handler) => {
      const signIn = new SignIn(handler, { userNotFound: true, userName: `nobody-${++serial}` });
      await signIn.start();
      await signIn.answer('000000');
    });

    // Assess
    expect(trips).toEqual(['Define 0', 'Create 1', 'Verify 1', 'Define 0', 'Create 1']);
  });
});
