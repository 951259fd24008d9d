import type { Challenge } from '../../domain/create-challenge';
import type { OutcomeCount } from '../../domain/metrics';
import type { SignUpDecision } from '../../domain/pre-sign-up';
import type { Verification } from '../../domain/verify-answer';

/** What a trigger's result counts as; undefined when it counts as nothing (a retry round, an unknown user). */
export function challengeCount(challenge: Challenge): OutcomeCount | undefined {
  switch (challenge.delivery) {
    case 'sent':
      return { outcome: 'sent' };
    case 'recently-sent':
      return { outcome: 'reused' };
    default:
      return undefined;
  }
}

export function verificationCount(verification: Verification): OutcomeCount | undefined {
  switch (verification.verdict) {
    case 'correct':
    case 'wrong':
    case 'expired':
      return { outcome: verification.verdict };
    default:
      return undefined;
  }
}

export function signUpCount(decision: SignUpDecision): OutcomeCount | undefined {
  return decision.kind === 'refused' ? { outcome: 'refused', rule: decision.reason } : undefined;
}
