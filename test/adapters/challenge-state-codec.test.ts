import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/adapters/cognito/inbound/challenge-state-codec';
import type { ChallengeState } from '../../src/domain/session';

describe('challenge state codec', () => {
  it('round-trips what later rounds need, and holds no proof', () => {
    // Prepare
    const state: ChallengeState = {
      codeId: 'b1f0c2de-0000-4000-8000-000000000001',
      issuedAt: 1_795_000_000_000,
      attemptsLeft: 2,
      resendAt: 1_795_000_030_000,
      resends: 1,
      delivery: 'sent',
    };
    const refused: ChallengeState = { codeId: '', issuedAt: 5, attemptsLeft: 0, resendAt: 9, resends: 0, delivery: 'refused', refusal: 'phone-daily-cap' };

    // Act
    const encoded = encodeState(state);

    // Assess
    expect(encoded).toBe('OTP2:b1f0c2de-0000-4000-8000-000000000001:1795000000000:2:1795000030000:1:sent');
    expect(decodeState(encoded)).toEqual(state);
    expect(decodeState(encodeState(refused))).toEqual(refused);
  });

  it('carries the provider holding the code after a failover; a state without one reads as the primary', () => {
    // Prepare
    const held: ChallengeState = { codeId: 'c1', issuedAt: 5, attemptsLeft: 3, resendAt: 9, resends: 0, delivery: 'sent', holder: 'twilio' };
    const heldRefused: ChallengeState = {
      codeId: '',
      issuedAt: 5,
      attemptsLeft: 0,
      resendAt: 9,
      resends: 0,
      delivery: 'refused',
      refusal: 'budget',
      holder: 'sns',
    };

    // Act
    const encoded = encodeState(held);

    // Assess
    expect(encoded).toBe('OTP2:c1:5:3:9:0:sent:@twilio');
    expect(decodeState(encoded)).toEqual(held);
    expect(decodeState(encodeState(heldRefused))).toEqual(heldRefused);
    expect(decodeState('OTP2:c1:5:3:9:0:sent')).not.toHaveProperty('holder');
    expect(decodeState('OTP2:c1:5:3:9:0:sent:@Not-A-Name')).toBeUndefined();
  });

  it.each([undefined, '', 'OTP1:1:x', 'OTP2', 'OTP2:id:abc:1:1:0:sent', 'OTP2:id:1:1:1:0:lost', 'OTP2:has space:1:1:1:0:sent', '{"issuedAt":1}', 42])(
    'reads %j as no state',
    (value) => {
      // Act
      const decoded = decodeState(value);

      // Assess
      expect(decoded).toBeUndefined();
    },
  );
});
