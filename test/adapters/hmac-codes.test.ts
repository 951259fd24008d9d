import { describe, expect, it } from 'vitest';
import { codeProof, generateCode, HmacCodeForge } from '../../src/adapters/providers/hmac-codes';
import type { PhoneNumber } from '../../src/domain/phone';
import { PHONE } from '../support/events';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const phone = PHONE as PhoneNumber;

describe('generateCode', () => {
  it.each([4, 6, 8, 10])('makes exactly %i digits', (length) => {
    // Act and assess
    for (let i = 0; i < 200; i++) expect(generateCode(length)).toMatch(new RegExp(`^[0-9]{${length}}$`));
  });
});

describe('HmacCodeForge', () => {
  it('makes a keyed proof of the code, never the code, bound to the phone, the code id and the key', () => {
    // Prepare
    const forge = new HmacCodeForge(secret);

    // Act
    const proof = forge.proof(phone, 'id-1', '123456');

    // Assess
    expect(proof).toBe(codeProof(secret, phone, 'id-1', '123456'));
    expect(proof).not.toContain('123456');
    expect(proof).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(forge.proof('+821087654321' as PhoneNumber, 'id-1', '123456')).not.toBe(proof);
    expect(forge.proof(phone, 'id-2', '123456')).not.toBe(proof);
    expect(forge.proof(phone, 'id-1', '123457')).not.toBe(proof);
    expect(new HmacCodeForge(new TextEncoder().encode('another key, also 32 bytes long!')).proof(phone, 'id-1', '123456')).not.toBe(proof);
  });

  it('gives an unknown user a stand-in: stable per user name, a masked number of the usual shape, a ledger key no real phone has', () => {
    // Prepare
    const forge = new HmacCodeForge(secret);

    // Act
    const a = forge.standIn('someone');
    const again = forge.standIn('someone');
    const b = forge.standIn('someone-else');

    // Assess
    expect(again).toEqual(a);
    expect(b.maskedPhone).not.toBe(a.maskedPhone);
    expect(a.maskedPhone).toMatch(/^\+82 \*{6}\d{4}$/);
    expect(a.ledgerPhone).toMatch(/^\+999\d{12}$/);
  });

  it('makes decoy proofs that differ every time', () => {
    // Prepare
    const forge = new HmacCodeForge(secret);

    // Act
    const first = forge.decoyProof();
    const second = forge.decoyProof();

    // Assess
    expect(first).not.toBe(second);
  });
});
