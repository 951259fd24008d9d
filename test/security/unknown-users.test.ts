import { describe, expect, it } from 'vitest';
import type { OtpProvider } from '../../src/domain/ports';
import type { TriggerHandler } from '../../src/router';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { PHONE } from '../support/events';
import { KeepingProvider, RecordingDelivery } from '../support/fakes';
import { ledgerEndpoint } from '../support/ledger-env';
import { SlowDynamoDb } from '../support/slow-dynamodb';

/** Issue 11, part 3: under prevent-user-existence-errors, the pool tells nobody who has an account. */

/** What a caller sees of one sign-in: each step and the public parameters that came with it. */
async function trace(signIn: SignIn, act: (signIn: SignIn) => Promise<string>) {
  const step = await act(signIn);
  return { step, ...signIn.publicParameters };
}

describe.each([
  { name: 'codes made here', provider: () => new RecordingDelivery() as OtpProvider },
  { name: 'codes kept by the provider', provider: () => new KeepingProvider() as OtpProvider },
])('an unknown user, with $name', ({ provider }) => {
  it('gets the very public parameters a known user gets, in the same order, with no phone number in them', async () => {
    // Prepare
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake' }, { provider: provider() });
    const known = new SignIn(handler, { phone: PHONE });
    const unknown = (userName: string) => new SignIn(handler, { userNotFound: true, userName });

    // Act
    await known.start();
    const byName = unknown('nobody-1');
    const byPhone = unknown('+821098765432');
    for (const signIn of [byName, byPhone]) await signIn.start();

    // Assess
    for (const signIn of [byName, byPhone]) expect(Object.entries(signIn.publicParameters)).toEqual(Object.entries(known.publicParameters));
    expect(known.publicParameters).not.toHaveProperty('phone');
  });

  it('reuses, refuses and exhausts exactly as for a known user, and nothing is sent for it', async () => {
    // Prepare: the same script for a known user and an unknown one, each on its own handler and table.
    const script = async (handler: TriggerHandler, options: ConstructorParameters<typeof SignIn>[1]) => {
      const first = new SignIn(handler, options);
      const second = new SignIn(handler, options);
      const third = new SignIn(handler, options);
      return [
        await trace(first, (s) => s.start()),
        await trace(second, (s) => s.start()),
        await trace(first, (s) => s.answer('000000')),
        await trace(first, (s) => s.resend()),
        await trace(first, (s) => s.answer('000001')),
        await trace(second, (s) => s.answer('000002')),
        await trace(first, (s) => s.answer('000003')),
        await trace(third, (s) => s.start()),
      ];
    };
    const knownProvider = provider();
    const unknownProvider = provider();
    const knownApp = await buildApp({ OTP_PROVIDER: 'fake' }, { provider: knownProvider });
    const unknownApp = await buildApp({ OTP_PROVIDER: 'fake' }, { provider: unknownProvider });

    // Act
    const knownTrace = await script(knownApp.handler, { phone: PHONE });
    const unknownTrace = await script(unknownApp.handler, { userNotFound: true, userName: 'nobody-3' });

    // Assess: step for step the same (sent, reused, wrong answers, the refusal of the next sign-in).
    expect(unknownTrace).toEqual(knownTrace);
    expect(knownTrace.at(-1)).toMatchObject({ delivery: 'refused', refusal: 'resend-wait' });
    const sent = unknownProvider instanceof RecordingDelivery ? unknownProvider.sent : (unknownProvider as KeepingProvider).started;
    expect(sent).toEqual([]);
  });
});

describe('the DynamoDB calls of an unknown user', () => {
  // A known user's send claims the phone item and charges the send budget (the range's item, the pool's hour and day
  // item), all in flight together. The stand-in makes the same three conditional writes on its own phone item and the
  // typed number's counters, so a full range or pool refuses it as it refuses a known user, but its charge adds 0:
  // nothing is sent, and made-up user names must not drain the pool's SMS budget. Its time is imitated: the send
  // latency model times the provider call, and the stand-in sleeps that (unknown-users-timing.test.ts holds it).
  it('are the same three writes as a known user’s first Create, the budget’s adding nothing', async () => {
    // Prepare
    const proxy = await new SlowDynamoDb(ledgerEndpoint(), 0).start();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', AWS_ENDPOINT_URL_DYNAMODB: proxy.origin }, { provider: new RecordingDelivery() });
    const deltas = (entries: typeof proxy.timeline) =>
      entries
        .filter((entry) => !entry.call.endsWith('phone'))
        .map((entry) => (JSON.parse(entry.body) as { ExpressionAttributeValues: { ':delta': { N: string } } }).ExpressionAttributeValues[':delta'].N);

    // Act
    await new SignIn(handler, { phone: PHONE }).start();
    const knownCalls = proxy.timeline.splice(0);
    await new SignIn(handler, { userNotFound: true, userName: 'nobody-calls' }).start();
    const unknownCalls = proxy.timeline.splice(0);
    await proxy.stop();

    // Assess
    const calls = (entries: typeof proxy.timeline) => entries.map((entry) => entry.call).sort();
    expect(calls(knownCalls)).toEqual(['UpdateItem budget', 'UpdateItem phone', 'UpdateItem range']);
    expect(calls(unknownCalls)).toEqual(calls(knownCalls));
    expect(deltas(knownCalls)).toEqual(['1', '1']);
    expect(deltas(unknownCalls)).toEqual(['0', '0']);
  });
});
