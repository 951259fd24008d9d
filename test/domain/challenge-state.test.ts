import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/domain/challenge-state';
import { ChallengeStateError } from '../../src/domain/errors';

describe('challenge state', () => {
  it('round-trips the issue time and the proof', () => {
    const state = { issuedAt: 1_795_000_000_000, proof: 'aGVsbG8-_x' };
    expect(decodeState(encodeState(state))).toEqual(state);
    expect(decodeState(encodeState({ issuedAt: 5, proof: '' }))).toEqual({ issuedAt: 5, proof: '' });
  });

  it.each([undefined, '', 'OTP1', 'OTP1:abc:x', 'OTP2:1:x', 'OTP1:1:has space', '{"issuedAt":1}'])('rejects %s', (value) => {
    expect(() => decodeState(value)).toThrow(ChallengeStateError);
  });
});
