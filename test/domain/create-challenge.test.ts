import { describe, expect, it } from 'vitest';
import { ChallengeStateError, InvalidPhoneError, ProviderUnreachableError } from '../../src/domain/errors';
import { FakePhoneInspector, KOREAN_MOBILE } from '../support/fake-phone-inspector';
import type { PhoneNumber } from '../../src/domain/phone';
import { createInput as input, domainWorld, recordLedgerCalls, verifyInput } from '../support/domain-world';
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

  it('bounds resends per sign-in: past the bound the round carries the code on, texting nothing', async () => {
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

  it('records every ledger and budget call of a first Create (the record the no-ledger-call tests read)', async () => {
    // Prepare
    const world = domainWorld();
    const calls = recordLedgerCalls(world);

    // Act
    await world.create.create(input(), noDeadline());

    // Assess
    expect(calls).toEqual(['ledger.claimSend', 'budget.charge']);
  });

  it('carries the code on after a wrong answer with the attempts the ledger has left, sending nothing', async () => {
    // Prepare: a code, and one wrong answer to it.
    const { provider, create, verify } = domainWorld();
    const first = await create.create(input(), noDeadline());
    await verify.verify(verifyInput({ state: first.state, answer: '000000' }), noDeadline());

    // Act
    const challenge = await create.create(input({ session: [otpRound(false, first.state)] }), noDeadline());

    // Assess
    expect((provider as RecordingDelivery).sent).toHaveLength(1);
    expect(challenge.state).toEqual({ ...first.state, attemptsLeft: 2, delivery: 'reused' });
    expect(challenge).toMatchObject({ attemptsLeft: 2, step: 'carry-over' });
  });

  it('tells a sign-in going on with a code that signed someone in meanwhile that it is spent, and when a new one may be sent', async () => {
    // Prepare: two sign-ins hold one code; the other one answers it right, this one had answered wrong.
    const { clock, create, verify, provider } = domainWorld();
    const mine = await create.create(input(), noDeadline());
    clock.advance(5);
    const other = await create.create(input(), noDeadline());
    await verify.verify(verifyInput({ state: mine.state, answer: '000000' }), noDeadline());
    await verify.verify(verifyInput({ state: other.state, answer: (provider as RecordingDelivery).lastCode() }), noDeadline());

    // Act
    const challenge = await create.create(input({ session: [otpRound(false, mine.state)] }), noDeadline());

    // Assess: no attempt is offered on a code that can never succeed; the wait runs from the send.
    expect(challenge).toMatchObject({ delivery: 'refused', refusal: 'code-spent', attemptsLeft: 0, resendInSeconds: 25 });
  });

  it('gives the claim back when the budget cannot be charged (a failing write): the next sign-in sends at once', async () => {
    // Prepare
    const world = domainWorld();
    const charge = world.budget.charge.bind(world.budget);
    world.budget.charge = () => Promise.reject(new Error('the budget table is unreachable'));

    // Act
    const failed = await world.create.create(input(), noDeadline()).catch((error: unknown) => error);
    world.budget.charge = charge;
    const retry = await world.create.create(input(), noDeadline());

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect((world.provider as RecordingDelivery).sent).toHaveLength(1);
    expect(retry.delivery).toBe('sent');
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

  it('keys every spelling of one number by its standard one: one SMS, to the standard number, then the live code', async () => {
    // Prepare: an imported user stored as +82 0 10…, another as +82 081 10…, both the handset PHONE.
    const canonical = { ...KOREAN_MOBILE, canonical: PHONE as PhoneNumber };
    const phones = new FakePhoneInspector({ '+8201012345678': canonical, '+820811012345678': canonical });
    const { provider, create } = domainWorld({ phones });

    // Act
    const spellings = ['+8201012345678', '+820811012345678', PHONE];
    const challenges = [];
    for (const phoneNumber of spellings) challenges.push(await create.create(input({ phoneNumber }), noDeadline()));

    // Assess
    expect((provider as RecordingDelivery).sent.map((sms) => sms.phone)).toEqual([PHONE]);
    expect(challenges.map((challenge) => challenge.delivery)).toEqual(['sent', 'reused', 'reused']);
    expect(challenges.map((challenge) => challenge.maskedPhone)).toEqual([MASKED, MASKED, MASKED]);
  });

  it('checks the standard spelling of an unknown user’s typed number, and gives all its spellings one stand-in', async () => {
    // Prepare
    const phones = new FakePhoneInspector({ '+8201012345678': { ...KOREAN_MOBILE, canonical: PHONE as PhoneNumber } });
    const asked: string[] = [];
    const { create } = domainWorld({ phones, mayText: (phone: PhoneNumber) => (asked.push(phone), true) });

    // Act
    const odd = await create.create(input({ userNotFound: true, userName: '+8201012345678' }), noDeadline());
    const standard = await create.create(input({ userNotFound: true, userName: PHONE }), noDeadline());

    // Assess: the second spelling continues the first one's stand-in, as a known user's second spelling would.
    expect(asked).toEqual([PHONE, PHONE]);
    expect([odd.delivery, standard.delivery]).toEqual(['sent', 'reused']);
    expect(standard.state.codeId).toBe(odd.state.codeId);
  });

  it('refuses a number the allowlist refuses: no ledger call, no SMS, refusal country', async () => {
    // Prepare
    const world = domainWorld({ mayText: (phone: PhoneNumber) => phone.startsWith('+82') });
    const { provider, create } = world;
    const calls = recordLedgerCalls(world);

    // Act
    const refused = await create.create(input({ phoneNumber: '+12025550123' }), noDeadline());

    // Assess
    expect(calls).toEqual([]);
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
