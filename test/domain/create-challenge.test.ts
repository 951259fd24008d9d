import { describe, expect, it } from 'vitest';
import { FakePhoneInspector } from '../../src/adapters/phone/fake-inspector';
import { CreateChallenge, type CreateInput } from '../../src/domain/create-challenge';
import { ChallengeStateError, InvalidPhoneError, ProviderUnreachableError } from '../../src/domain/errors';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { MASKED, PHONE } from '../support/events';
import { FakeClock, noDeadline, otpRound, RecordingProvider } from '../support/fakes';

function prepare(policy = DEFAULT_POLICY) {
  const provider = new RecordingProvider();
  const clock = new FakeClock();
  return { provider, clock, service: new CreateChallenge(policy, provider, clock, new FakePhoneInspector()) };
}

const input = (overrides: Partial<CreateInput> = {}): CreateInput => ({
  userId: 'pool/user-1',
  phoneNumber: PHONE,
  userNotFound: false,
  session: [],
  ...overrides,
});

describe('CreateChallenge', () => {
  it('sends a code on the first round and shows only a masked phone', async () => {
    const { provider, clock, service } = prepare();

    const challenge = await service.create(input(), noDeadline());

    expect(provider.sent).toEqual([{ userId: 'pool/user-1', phone: PHONE, issuedAt: clock.now() }]);
    expect(challenge).toEqual({
      maskedPhone: MASKED,
      codeLength: 6,
      attemptsLeft: 3,
      state: { issuedAt: clock.now(), proof: 'proof1' },
      delivery: 'sent',
    });
  });

  it('sends nothing on a retry round and carries the previous state object through as it came', async () => {
    const { provider, service } = prepare();
    const carried = { issuedAt: 1000, proof: 'abc' };

    const challenge = await service.create(input({ session: [otpRound(false, carried)] }), noDeadline());

    expect(provider.sent).toEqual([]);
    expect(challenge.state).toBe(carried);
    expect(challenge.attemptsLeft).toBe(2);
    expect(challenge.delivery).toBe('carried-over');
  });

  it('refuses a retry round whose metadata was lost', async () => {
    const { provider, service } = prepare();

    await expect(service.create(input({ session: [otpRound(false)] }), noDeadline())).rejects.toThrow(ChallengeStateError);
    expect(provider.sent).toEqual([]);
  });

  it.each([undefined, '', '01012345678', '+82 10-1234-5678'])('refuses a user whose phone_number is %s', async (phoneNumber) => {
    const { provider, service } = prepare();

    await expect(service.create(input({ phoneNumber }), noDeadline())).rejects.toThrow(InvalidPhoneError);
    await expect(service.create(input({ phoneNumber }), noDeadline())).rejects.toThrow('user has no valid phone_number');
    expect(provider.sent).toEqual([]);
  });

  it('answers an unknown user with the same shape and sends no SMS', async () => {
    const { provider, service } = prepare();

    const challenge = await service.create(input({ userNotFound: true, phoneNumber: undefined }), noDeadline());

    expect(provider.sent).toEqual([]);
    expect(Object.keys(challenge).sort()).toEqual(['attemptsLeft', 'codeLength', 'delivery', 'maskedPhone', 'state']);
    expect(challenge.maskedPhone).toMatch(/^\+\*+ \*+$/);
    expect(challenge.state).toEqual({ issuedAt: expect.any(Number), proof: '' });
  });

  it('reuses the code just sent when a new sign-in starts within the resend interval', async () => {
    const { provider, clock, service } = prepare();
    const first = await service.create(input(), noDeadline());

    clock.advance(29);
    const second = await service.create(input(), noDeadline());
    clock.advance(2);
    const third = await service.create(input(), noDeadline());

    expect(second).toEqual({ ...first, delivery: 'recently-sent' });
    expect(third.delivery).toBe('sent');
    expect(provider.sent).toHaveLength(2);
  });

  it('sends again at once when the resend interval is 0', async () => {
    const { provider, service } = prepare({ ...DEFAULT_POLICY, resendIntervalSeconds: 0 });

    await service.create(input(), noDeadline());
    await service.create(input(), noDeadline());

    expect(provider.sent).toHaveLength(2);
  });

  it('remembers nothing when the provider fails, so the next try sends', async () => {
    const { provider, service } = prepare();
    provider.failing = true;

    await expect(service.create(input(), noDeadline())).rejects.toThrow(ProviderUnreachableError);
    provider.failing = false;
    const challenge = await service.create(input(), noDeadline());

    expect(challenge.delivery).toBe('sent');
  });
});
