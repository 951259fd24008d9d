import { describe, expect, it } from 'vitest';
import { FakePhoneInspector } from '../../src/adapters/phone/fake-inspector';
import { ChallengeStateError, ProviderUnreachableError } from '../../src/domain/errors';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { normalizeAnswer } from '../../src/domain/answer';
import { VerifyAnswer, type VerifyInput } from '../../src/domain/verify-answer';
import { MASKED, PHONE } from '../support/events';
import { FakeClock, noDeadline, RecordingProvider } from '../support/fakes';

function prepare(policy = DEFAULT_POLICY) {
  const provider = new RecordingProvider('123456');
  const clock = new FakeClock();
  const issuedAt = clock.now();
  const input = (answer: string, overrides: Partial<VerifyInput> = {}): VerifyInput => ({
    userId: 'pool/user-1',
    phoneNumber: PHONE,
    userNotFound: false,
    answer,
    state: { issuedAt, proof: 'p' },
    ...overrides,
  });
  return { provider, clock, issuedAt, input, service: new VerifyAnswer(policy, provider, clock, new FakePhoneInspector()) };
}

describe('normalizeAnswer', () => {
  it.each([
    [' 123456 ', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    ['\t12-34 56\n', '123456'],
    ['１２３４５６', '123456'],
    ['١٢٣٤٥٦', '123456'],
    ['۱۲۳۴۵۶', '123456'],
    ['१२३४५६', '123456'],
    ['０9８7６5', '098765'],
    ['𝟏𝟐𝟑𝟒𝟓𝟔', '123456'],
    ['𝟿𝟾𝟽', '987'],
  ])('turns %j into %j', (answer, normalized) => {
    expect(normalizeAnswer(answer)).toBe(normalized);
  });
});

describe('VerifyAnswer', () => {
  it('accepts the right code, asking the provider with the carried state', async () => {
    const { provider, service, input, issuedAt } = prepare();

    const result = await service.verify(input(' 123-456 '), noDeadline());

    expect(result).toEqual({ verdict: 'correct', maskedPhone: MASKED });
    expect(provider.checked).toEqual([{ userId: 'pool/user-1', phone: PHONE, issuedAt, code: '123456', proof: 'p' }]);
  });

  it('reports a wrong code as a value', async () => {
    const { service, input } = prepare();

    expect((await service.verify(input('654321'), noDeadline())).verdict).toBe('wrong');
  });

  it("accepts the right code typed in full-width or another script's digits, asking the provider with ASCII", async () => {
    const { provider, service, input } = prepare();

    const result = await service.verify(input('１２３ ４５６'), noDeadline());

    expect(result.verdict).toBe('correct');
    expect(provider.checked.map((check) => check.code)).toEqual(['123456']);
  });

  it.each(['12345', '1234567', '12345a', '١٢٣٤٥', '', '      ', '12.456', '+23456', '²³⁴⁵⁶⁷', '一二三四五六'])(
    'calls %j malformed without asking the provider',
    async (answer) => {
      const { provider, service, input } = prepare();

      expect((await service.verify(input(answer), noDeadline())).verdict).toBe('malformed');
      expect(provider.checked).toEqual([]);
    },
  );

  it('honours another code length', async () => {
    const { service, input } = prepare({ ...DEFAULT_POLICY, codeLength: 8 });

    expect((await service.verify(input('123456'), noDeadline())).verdict).toBe('malformed');
  });

  it('calls a code older than the TTL expired, by the clock port', async () => {
    const { provider, clock, service, input } = prepare();

    clock.advance(180);
    expect((await service.verify(input('123456'), noDeadline())).verdict).toBe('correct');
    clock.advance(1);
    expect((await service.verify(input('123456'), noDeadline())).verdict).toBe('expired');
    expect(provider.checked).toHaveLength(1);
  });

  it('never accepts an answer for an unknown user, and asks no provider', async () => {
    const { provider, service, input } = prepare();

    const result = await service.verify(input('123456', { userNotFound: true, phoneNumber: undefined }), noDeadline());

    expect(result.verdict).toBe('user-not-found');
    expect(provider.checked).toEqual([]);
  });

  it('throws on a provider failure instead of answering', async () => {
    const { provider, service, input } = prepare();
    provider.failing = true;

    await expect(service.verify(input('123456'), noDeadline())).rejects.toThrow(ProviderUnreachableError);
  });

  it('refuses missing challenge state', async () => {
    const { service, input } = prepare();

    await expect(service.verify(input('123456', { state: undefined }), noDeadline())).rejects.toThrow(ChallengeStateError);
  });
});
