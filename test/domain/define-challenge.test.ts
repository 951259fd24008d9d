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
    expect(decide([])).toEqual({ kind: 'challenge' });
  });

  it('issues tokens when the last round was answered correctly, and fails an unknown user', () => {
    expect(decide([otpRound(false, state(3)), otpRound(true, state(2))])).toEqual({ kind: 'issue-tokens' });
    expect(decide([otpRound(true, state(3))], { userNotFound: true })).toEqual({ kind: 'fail', reason: 'user-not-found' });
  });

  it('presents another challenge after a wrong answer only while the state says answers remain', () => {
    expect(decide([otpRound(false, state(3))])).toEqual({ kind: 'challenge' });
    expect(decide([otpRound(false, state(2))])).toEqual({ kind: 'challenge' });
    expect(decide([otpRound(false, state(1))])).toEqual({ kind: 'fail', reason: 'exhausted' });
  });

  it('presents another challenge on a resend request, whatever the answers left', () => {
    expect(decide([otpRound(false, state(1))], { resend: true })).toEqual({ kind: 'challenge' });
  });

  it('bounds the rounds of one sign-in: maxAttempts + maxResendsPerSignIn', () => {
    const six = Array.from({ length: 6 }, () => otpRound(false, state(3)));
    expect(decide(six.slice(0, 5), { resend: true })).toEqual({ kind: 'challenge' });
    expect(decide(six, { resend: true })).toEqual({ kind: 'fail', reason: 'exhausted' });
  });

  it('fails a session holding another challenge', () => {
    expect(decide([{ challenge: 'other', result: true }])).toEqual({ kind: 'fail', reason: 'foreign-challenge' });
  });
});
