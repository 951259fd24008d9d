import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/adapters/cognito/challenge-state-codec';

describe('challenge state codec', () => {
  it('round-trips the issue time and the proof', () => {
    // Prepare
    const state = { issuedAt: 1_795_000_000_000, proof: 'aGVsbG8-_x' };

    // Act
    const encoded = encodeState(state);

    // Assess
    expect(encoded).toBe('OTP1:1795000000000:aGVsbG8-_x');
    expect(decodeState(encoded)).toEqual(state);
    expect(decodeState(encodeState({ issuedAt: 5, proof: '' }))).toEqual({ issuedAt: 5, proof: '' });
  });

  it.each([undefined, '', 'OTP1', 'OTP1:abc:x', 'OTP2:1:x', 'OTP1:1:has space', '{"issuedAt":1}', 42])('reads %j as no state', (value) => {
    // Act
    const decoded = decodeState(value);

    // Assess
    expect(decoded).toBeUndefined();
  });
});
