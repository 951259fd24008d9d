import { describe, expect, it } from 'vitest';
import { ChallengeStateError, InvalidPhoneError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { createInput as input, domainWorld } from '../support/domain-world';
import { MASKED, PHONE } from '../support/events';
import { KeepingProvider, noDeadline, otpRound, RecordingDelivery } from '../support/fakes';

describe('CreateChallenge', () => {
  it('sends a new code on the first round and tells the client the contract B parameters', async () => {
    // Prepare
    const { provider, clock, create } = domainWorld();

    // Act
    const challenge = await create.create(input(), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toHaveLength(1);
    expect(challenge).toMatchObject({ maskedPhone: MASKED, codeLength: 6, attemptsLeft: 3, resendInSeconds: 30, expiresInSeconds: 180, delivery: 'sent' });
    expect(challenge.state).toMatchObject({ issuedAt: clock.now(), attemptsLeft: 3, resends: 0, delivery: 'sent' });
    expect(JSON.stringify(challenge.state)).not.toContain((provider as RecordingDelivery).lastCode());
  });

  it('continues with the live code in a new sign-in within the wait: no SMS, delivery reused', async () => {
    // Prepare
    const { provider, clock, create } = domainWorld();
    const first = await create.create(input(), noDeadline());
    clock.advance(10);

    // Act
    const second = await create.create(input(), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toHaveLength(1);
    expect(second).toMatchObject({ delivery: 'reused', resendInSeconds: 20, expiresInSeconds: 170, attemptsLeft: 3 });
    expect(second.state.codeId).toBe(first.state.codeId);
  });

  it('sends a new code on a resend after the wait, and the same code with the wait before it', async () => {
    // Prepare
    const { provider, clock, create } = domainWorld();
    const first = await create.create(input(), noDeadline());

    // Act
    clock.advance(5);
    const early = await create.create(input({ session: [otpRound(false, first.state)], resend: true }), noDeadline());
    clock.advance(30);
    const late = await create.create(input({ session: [otpRound(false, first.state), otpRound(false, early.state)], resend: true }), noDeadline());

    // Assess
    expect(early).toMatchObject({ delivery: 'reused', resendInSeconds: 25, attemptsLeft: 3 });
    expect(early.state).toMatchObject({ codeId: first.state.codeId, resends: 1 });
    expect(late).toMatchObject({ delivery: 'sent', attemptsLeft: 3, resendInSeconds: 60 });
    expect(late.state.resends).toBe(2);
    expect(late.state.codeId).not.toBe(first.state.codeId);
    expect((provider as RecordingDelivery).sent).toHaveLength(2);
  });

  it('bounds resends per sign-in: past the bound the round carries the code on, calling nobody', async () => {
    // Prepare
    const { provider, clock, create, policy } = domainWorld();
    let state = (await create.create(input(), noDeadline())).state;
    const session = [];

    // Act
    for (let i = 0; i < policy.maxResendsPerSignIn + 2; i++) {
      clock.advance(3600);
      session.push(otpRound(false, state));
      state = (await create.create(input({ session: [...session], resend: true }), noDeadline())).state;
    }

    // Assess
    expect((provider as RecordingDelivery).sent).toHaveLength(1 + policy.maxResendsPerSignIn);
    expect(state.resends).toBe(policy.maxResendsPerSignIn);
  });

  it('carries the state on after a wrong answer, one attempt fewer, with no ledger call', async () => {
    // Prepare
    const { provider, create } = domainWorld();
    const carried = { codeId: 'c1', issuedAt: 1000, attemptsLeft: 3, resendAt: 2000, resends: 0, delivery: 'sent' as const };

    // Act
    const challenge = await create.create(input({ session: [otpRound(false, carried)] }), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toEqual([]);
    expect(challenge.state).toEqual({ ...carried, attemptsLeft: 2, delivery: 'reused' });
    expect(challenge.attemptsLeft).toBe(2);
  });

  it('refuses a send past the daily cap, with the rule and the wait, and sends nothing', async () => {
    // Prepare
    const policy = {
      codeLength: 6,
      maxAttempts: 3,
      codeTtlSeconds: 60,
      resendIntervalSeconds: 30,
      maxResendWaitSeconds: 60,
      maxSendsPerPhonePerDay: 2,
      maxResendsPerSignIn: 3,
    };
    const { provider, clock, create } = domainWorld({ policy });
    await create.create(input(), noDeadline());
    clock.advance(120);
    await create.create(input(), noDeadline());
    clock.advance(120);

    // Act
    const refused = await create.create(input(), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toHaveLength(2);
    expect(refused).toMatchObject({ delivery: 'refused', refusal: 'phone-daily-cap', attemptsLeft: 0 });
    expect(refused.resendInSeconds).toBeGreaterThan(0);
    expect(refused.expiresInSeconds).toBe(0);
    expect(refused.state.codeId).toBe('');
  });

  it('refuses a send the budget refuses: no SMS, refusal range', async () => {
    // Prepare
    const { provider, create } = domainWorld({ budget: { maxSendsPerRangePerHour: 1, smsBudgetPerHour: 100, smsBudgetPerDay: 100 } });
    await create.create(input({ phoneNumber: '+821012340001' }), noDeadline());

    // Act
    const refused = await create.create(input({ phoneNumber: '+821012340002' }), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toHaveLength(1);
    expect(refused).toMatchObject({ delivery: 'refused', refusal: 'range' });
  });

  it('refuses a number the allowlist refuses: no ledger call, no SMS, refusal country', async () => {
    // Prepare
    const { provider, create } = domainWorld({ mayText: (phone: PhoneNumber) => phone.startsWith('+82') });

    // Act
    const refused = await create.create(input({ phoneNumber: '+12025550123' }), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toEqual([]);
    expect(refused).toMatchObject({ delivery: 'refused', refusal: 'country' });
  });

  it('starts a verification with a provider that keeps its codes, and stores no proof', async () => {
    // Prepare
    const provider = new KeepingProvider();
    const { create } = domainWorld({ provider });

    // Act
    const challenge = await create.create(input(), noDeadline());

    // Assess
    expect(provider.started).toEqual([PHONE]);
    expect(challenge.delivery).toBe('sent');
  });

  it('gives an unknown user the same shape, a stable plausible masked number, and never texts', async () => {
    // Prepare
    const { provider, timing, create } = domainWorld();

    // Act
    const first = await create.create(input({ userNotFound: true, userName: 'nobody', phoneNumber: undefined }), noDeadline());
    const again = await create.create(input({ userNotFound: true, userName: 'nobody', phoneNumber: undefined }), noDeadline());
    const other = await create.create(input({ userNotFound: true, userName: 'somebody-else', phoneNumber: undefined }), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toEqual([]);
    expect(first.maskedPhone).toMatch(/^\+82 \*{6}\d{4}$/);
    expect(again.maskedPhone).toBe(first.maskedPhone);
    expect(other.maskedPhone).not.toBe(first.maskedPhone);
    expect(first).toMatchObject({ delivery: 'sent', attemptsLeft: 3, resendInSeconds: 30 });
    expect(again).toMatchObject({ delivery: 'reused' });
    expect(timing.slept).toBe(300); // two stand-in sends (first, other), each as long as a typical real one
  });

  it('refuses a retry round whose metadata was lost', async () => {
    // Prepare
    const { create } = domainWorld();

    // Act
    const creating = create.create(input({ session: [otpRound(false)] }), noDeadline());

    // Assess
    await expect(creating).rejects.toThrow(ChallengeStateError);
  });

  it.each([undefined, '', '01012345678', '+82 10-1234-5678'])('refuses a user whose phone_number is %s', async (phoneNumber) => {
    // Prepare
    const { create } = domainWorld();

    // Act
    const creating = create.create(input({ phoneNumber }), noDeadline());

    // Assess
    await expect(creating).rejects.toThrow(InvalidPhoneError);
  });

  it('passes a provider failure through', async () => {
    // Prepare
    const provider = new RecordingDelivery();
    provider.failing = true;
    const { create } = domainWorld({ provider });

    // Act
    const creating = create.create(input(), noDeadline());

    // Assess
    await expect(creating).rejects.toThrow(ProviderUnreachableError);
  });
});
