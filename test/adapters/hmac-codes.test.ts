import { describe, expect, it } from 'vitest';
import { codeProof, generateCode, HmacCodeProvider, type CodeDelivery } from '../../src/adapters/hmac-codes';
import type { PhoneNumber } from '../../src/domain/phone';
import { PHONE } from '../support/events';
import { noDeadline } from '../support/fakes';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const request = { userId: 'pool/user', phone: PHONE as PhoneNumber, issuedAt: 1_000 };

class RecordingDelivery implements CodeDelivery {
  readonly delivered: { phone: string; code: string }[] = [];
  async deliver(phone: PhoneNumber, code: string): Promise<void> {
    this.delivered.push({ phone, code });
  }
}

describe('generateCode', () => {
  it.each([4, 6, 8, 10])('makes exactly %i digits', (length) => {
    for (let i = 0; i < 200; i++) expect(generateCode(length)).toMatch(new RegExp(`^[0-9]{${length}}$`));
  });
});

describe('HmacCodeProvider', () => {
  it('delivers a fresh code and returns a keyed hash of it, never the code', async () => {
    const delivery = new RecordingDelivery();
    const provider = new HmacCodeProvider(secret, 6, delivery);

    const proof = await provider.sendCode(request, noDeadline());

    const [sms] = delivery.delivered;
    expect(sms?.phone).toBe(PHONE);
    expect(proof).toBe(codeProof(secret, request, sms?.code ?? ''));
    expect(proof).not.toContain(sms?.code);
    expect(proof).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the delivered code and nothing else', async () => {
    const delivery = new RecordingDelivery();
    const provider = new HmacCodeProvider(secret, 6, delivery);
    const proof = await provider.sendCode(request, noDeadline());
    const code = delivery.delivered[0]?.code ?? '';
    const other = code === '000000' ? '000001' : '000000';

    expect(await provider.checkCode({ ...request, code, proof })).toBe(true);
    expect(await provider.checkCode({ ...request, code: other, proof })).toBe(false);
  });

  it('binds the proof to the user, the phone number, the issue time and the key', async () => {
    const delivery = new RecordingDelivery();
    const provider = new HmacCodeProvider(secret, 6, delivery);
    const proof = await provider.sendCode(request, noDeadline());
    const code = delivery.delivered[0]?.code ?? '';
    const otherKey = new HmacCodeProvider(new TextEncoder().encode('another key, also 32 bytes long!'), 6, delivery);

    expect(await provider.checkCode({ ...request, userId: 'pool/other', code, proof })).toBe(false);
    expect(await provider.checkCode({ ...request, phone: '+821087654321' as PhoneNumber, code, proof })).toBe(false);
    expect(await provider.checkCode({ ...request, issuedAt: 2_000, code, proof })).toBe(false);
    expect(await otherKey.checkCode({ ...request, code, proof })).toBe(false);
    expect(await provider.checkCode({ ...request, code, proof: proof.slice(1) })).toBe(false);
    expect(await provider.checkCode({ ...request, code, proof: '' })).toBe(false);
  });
});
