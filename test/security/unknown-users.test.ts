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
  // A known user's send also charges the send budget (range, hour, day: up to 3 UpdateItems) besides the provider
  // call. The stand-in does the same ledger work on its phone item and reads the budget (so a full one refuses it as
  // it refuses a known user) but charges nothing: nothing is sent, and made-up user names must not drain the pool's SMS
  // budget. Its time is imitated: the send latency model times the whole path, budget charge and provider call, and
  // the stand-in sleeps that (unknown-users-timing.test.ts, with DynamoDB at 8 ms a call, holds it).
  it('are the same claim on the phone item as a known user’s first Create, and budget reads, never a budget charge', async () => {
    // Prepare
    const proxy = await new SlowDynamoDb(ledgerEndpoint(), 0).start();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', AWS_ENDPOINT_URL_DYNAMODB: proxy.origin }, { provider: new RecordingDelivery() });

    // Act
    await new SignIn(handler, { phone: PHONE }).start();
    const knownCalls = proxy.calls.splice(0);
    await new SignIn(handler, { userNotFound: true, userName: 'nobody-calls' }).start();
    const unknownCalls = proxy.calls.splice(0);
    await proxy.stop();

    // Assess
    expect(knownCalls).toEqual(['UpdateItem phone', 'UpdateItem range', 'UpdateItem budget']);
    expect(unknownCalls).toEqual(['UpdateItem phone', 'GetItem range', 'GetItem budget']);
  });
});
