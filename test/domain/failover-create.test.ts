import { describe, expect, it } from 'vitest';
import { createInput as input, domainWorld, verifyInput } from '../support/domain-world';
import { KeepingProvider, noDeadline, RecordingDelivery } from '../support/fakes';
import { MemoryProviderHealth } from '../support/memory-provider-health';
import { PHONE } from '../support/events';

const BREAKER = { failures: 1, windowSeconds: 60, cooloffSeconds: 120 };

describe('CreateChallenge with a fallback', () => {
  it('a made-here primary down: the kept fallback sends, the state and the ledger name it, and Verify asks it', async () => {
    // Prepare
    const primary = new RecordingDelivery();
    primary.failing = true;
    const fallback = new KeepingProvider();
    const { create, verify, clock } = domainWorld({ provider: primary, fallback, health: new MemoryProviderHealth(BREAKER) });

    // Act
    const challenge = await create.create(input(), noDeadline());
    clock.advance(1);
    const continued = await create.create(input({ userName: 'another-sign-in' }), noDeadline());
    const verdict = await verify.verify(verifyInput({ answer: fallback.codes.get(PHONE) ?? '', state: challenge.state }), noDeadline());

    // Assess
    expect(challenge.state).toMatchObject({ delivery: 'sent', holder: 'fallback' });
    expect(continued.state).toMatchObject({ delivery: 'reused', holder: 'fallback' });
    expect(verdict.verdict).toBe('correct');
    expect(primary.sent).toEqual([]);
  });

  it("an unknown user's stand-in imitates the provider the route would use: the fallback's, while the primary's breaker is open", async () => {
    // Prepare
    const primary = new RecordingDelivery();
    primary.failing = true;
    const fallback = new RecordingDelivery(40);
    const { create, timing, delivery } = domainWorld({ provider: primary, fallback, health: new MemoryProviderHealth(BREAKER) });
    await create.create(input(), noDeadline());
    const fallbackMs = delivery.sendLatency('fallback').typicalMs();
    timing.slept = 0;

    // Act
    const standIn = await create.create(input({ userNotFound: true, userName: 'nobody', phoneNumber: undefined }), noDeadline());

    // Assess
    expect(standIn.state.holder).toBe('fallback');
    expect(timing.slept).toBe(fallbackMs);
    expect(fallbackMs).not.toBe(delivery.sendLatency('primary').typicalMs());
  });
});
