import { describe, expect, it } from 'vitest';
import { decideNextStep } from '../../src/domain/define-challenge';
import type { ChallengeState, Round } from '../../src/domain/session';
import { otpRound } from '../support/fakes';

const policy = { maxAttempts: 3, maxResendsPerSignIn: 3 };
const state = (attemptsLeft: number): ChallengeState => ({ codeId: 'c', issuedAt: 1, attemptsLeft, resendAt: 1, resends: 0, delivery: 'sent' });
const decide = (session: Round[], options: { userNotFound?: boolean; resend?: boolean } = {}) =>
  decideNextStep({ session, userNotFound: options.userNotFound ?? false, resend: options.resend ?? false }, policy);

describe('decideNextStep', () => {
  it('presents the OTP challenge on an empty session', () => {
    // Act
    const step = decide([]);

    // Assess
    expect(step).toEqual({ kind: 'challenge' });
  });

  it('issues tokens when the last round was answered correctly, and fails an unknown user', () => {
    // Act
    const known = decide([otpRound(false, state(3)), otpRound(true, state(2))]);
    const unknown = decide([otpRound(true, state(3))], { userNotFound: true });

    // Assess
    expect(known).toEqual({ kind: 'issue-tokens' });
    expect(unknown).toEqual({ kind: 'fail', reason: 'user-not-found' });
  });

  it('presents another challenge after a wrong answer only while the state says answers remain', () => {
    // Act
    const [threeLeft, twoLeft, oneLeft] = [3, 2, 1].map((left) => decide([otpRound(false, state(left))]));

    // Assess
    expect(threeLeft).toEqual({ kind: 'challenge' });
    expect(twoLeft).toEqual({ kind: 'challenge' });
    expect(oneLeft).toEqual({ kind: 'fail', reason: 'exhausted' });
  });

  it('presents another challenge on a resend request, whatever the answers left', () => {
    // Act
    const step = decide([otpRound(false, state(1))], { resend: true });

    // Assess
    expect(step).toEqual({ kind: 'challenge' });
  });

  it('bounds the rounds of one sign-in: maxAttempts + maxResendsPerSignIn', () => {
    // Prepare
    const six = Array.from({ length: 6 }, () => otpRound(false, state(3)));

    // Act
    const fifth = decide(six.slice(0, 5), { resend: true });
    const sixth = decide(six, { resend: true });

    // Assess
    expect(fifth).toEqual({ kind: 'challenge' });
    expect(sixth).toEqual({ kind: 'fail', reason: 'exhausted' });
  });

  it('fails a session holding another challenge', () => {
    // Act
    const step = decide([{ challenge: 'other', result: true }]);

    // Assess
    expect(step).toEqual({ kind: 'fail', reason: 'foreign-challenge' });
  });
});
