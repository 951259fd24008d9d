import { describe, expect, it } from 'vitest';
import { ChallengeStateError, ProviderUnreachableError } from '../../src/domain/errors';
import { FakePhoneInspector, KOREAN_MOBILE } from '../support/fake-phone-inspector';
import type { PhoneNumber } from '../../src/domain/phone';
import type { ChallengeState } from '../../src/domain/session';
import { PHONE } from '../support/events';
import { createInput, domainWorld, verifyInput as input } from '../support/domain-world';
import type { RecordingDelivery } from '../support/fakes';
import { KeepingProvider, noDeadline } from '../support/fakes';

async function sentCode(world: ReturnType<typeof domainWorld>): Promise<{ state: ChallengeState; code: string }> {
  const { state } = await world.create.create(createInput(), noDeadline());
  const provider = world.provider;
  const code = provider.kind === 'made-here' ? (provider as RecordingDelivery).lastCode() : ((provider as KeepingProvider).codes.values().next().value ?? '');
  return { state, code };
}

const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

describe('VerifyAnswer, codes made here', () => {
  it('checks an answer of a user stored in another spelling against the code sent to the standard one', async () => {
    // Prepare: Create keyed the code (and its proof) by PHONE; the user's attribute is +82 0 10….
    const phones = new FakePhoneInspector({ '+8201012345678': { ...KOREAN_MOBILE, canonical: PHONE as PhoneNumber } });
    const world = domainWorld({ phones });
    const { state } = await world.create.create(createInput({ phoneNumber: '+8201012345678' }), noDeadline());
    const code = (world.provider as RecordingDelivery).lastCode();

    // Act
    const verification = await world.verify.verify(input({ state, answer: code, phoneNumber: '+8201012345678' }), noDeadline());

    // Assess
    expect(verification).toMatchObject({ verdict: 'correct', maskedPhone: '+82 ******5678' });
  });

  it('accepts the right code once, and refuses it after (single use)', async () => {
    // Prepare
    const world = domainWorld();
    const { state, code } = await sentCode(world);

    // Act
    const first = await world.verify.verify(input({ state, answer: code }), noDeadline());
    const replay = await world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    expect(first.verdict).toBe('correct');
    expect(replay).toMatchObject({ verdict: 'dead', reason: 'spent' });
  });

  it('counts wrong answers per code: after maxAttempts even the right one is refused', async () => {
    // Prepare
    const world = domainWorld();
    const { state, code } = await sentCode(world);

    // Act
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push((await world.verify.verify(input({ state, answer: wrongOf(code) }), noDeadline())).verdict);
    const right = await world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    expect(verdicts).toEqual(['wrong', 'wrong', 'wrong']);
    expect(right).toMatchObject({ verdict: 'dead', reason: 'exhausted' });
  });

  it('checks nothing on a resend round and spends no attempt', async () => {
    // Prepare
    const world = domainWorld();
    const { state, code } = await sentCode(world);

    // Act
    const resend = await world.verify.verify(input({ state, answer: 'resend', resend: true }), noDeadline());
    for (let i = 0; i < 2; i++) await world.verify.verify(input({ state, answer: wrongOf(code) }), noDeadline());
    const right = await world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    expect(resend.verdict).toBe('resend');
    expect(right.verdict).toBe('correct');
  });

  it('refuses a code sent to another number (the proof is bound to the phone)', async () => {
    // Prepare
    const world = domainWorld();
    const { state, code } = await sentCode(world);

    // Act
    const verification = await world.verify.verify(input({ state, answer: code, phoneNumber: '+821099998888' }), noDeadline());

    // Assess
    expect(verification.verdict).not.toBe('correct');
  });

  it('calls malformed, expired and no-code answers what they are, without a ledger write', async () => {
    // Prepare
    const world = domainWorld();
    const { state, code } = await sentCode(world);

    // Act
    const malformed = await world.verify.verify(input({ state, answer: '12ab' }), noDeadline());
    const noCode = await world.verify.verify(input({ state: { ...state, codeId: '' }, answer: code }), noDeadline());
    world.clock.advance(world.policy.codeTtlSeconds + 1);
    const expired = await world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    expect([malformed.verdict, noCode.verdict, expired.verdict]).toEqual(['malformed', 'no-code', 'expired']);
  });

  it('refuses to go on without the state', async () => {
    // Prepare
    const world = domainWorld();

    // Act
    const verifying = world.verify.verify(input({ state: undefined }), noDeadline());

    // Assess
    await expect(verifying).rejects.toThrow(ChallengeStateError);
  });

  it("never accepts an answer for an unknown user, and counts it on the stand-in's record", async () => {
    // Prepare
    const world = domainWorld();
    const unknown = { userNotFound: true, userName: 'nobody', phoneNumber: undefined };
    const { state } = await world.create.create(createInput(unknown), noDeadline());

    // Act
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await world.verify.verify(input({ ...unknown, state, answer: String(123456 + i) }), noDeadline())).verdict);

    // Assess
    expect(verdicts).toEqual(['user-not-found', 'user-not-found', 'user-not-found', 'dead']);
  });
});

describe('VerifyAnswer, codes the provider keeps', () => {
  it('reserves an attempt, asks the provider, and spends the send on success', async () => {
    // Prepare
    const world = domainWorld({ provider: new KeepingProvider() });
    const { state, code } = await sentCode(world);

    // Act
    const wrong = await world.verify.verify(input({ state, answer: '999999' }), noDeadline());
    const right = await world.verify.verify(input({ state, answer: code }), noDeadline());
    const replay = await world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    expect([wrong.verdict, right.verdict]).toEqual(['wrong', 'correct']);
    expect(replay).toMatchObject({ verdict: 'dead', reason: 'spent' });
  });

  it('refuses the right code after maxAttempts wrong ones, without asking the provider', async () => {
    // Prepare
    const provider = new KeepingProvider();
    const world = domainWorld({ provider });
    const { state, code } = await sentCode(world);
    for (let i = 0; i < 3; i++) await world.verify.verify(input({ state, answer: '999999' }), noDeadline());

    // Act
    const right = await world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    expect(right).toMatchObject({ verdict: 'dead', reason: 'exhausted' });
    expect(provider.checked).toHaveLength(3);
  });

  it('passes a provider failure through, never as correct', async () => {
    // Prepare
    const provider = new KeepingProvider();
    const world = domainWorld({ provider });
    const { state, code } = await sentCode(world);
    provider.failing = true;

    // Act
    const verifying = world.verify.verify(input({ state, answer: code }), noDeadline());

    // Assess
    await expect(verifying).rejects.toThrow(ProviderUnreachableError);
  });
});
