import type { Challenge } from '../../domain/create-challenge';
import type { OutcomeCount } from '../../domain/metrics';
import type { SignUpDecision } from '../../domain/pre-sign-up';
import type { Verification } from '../../domain/verify-answer';

/**
 * What a trigger's result counts as; undefined when it counts as nothing: a round that carries the code on after an
 * answer (its send or refusal was counted when it was claimed), or an unknown user's stand-in (never texted).
 */
export function challengeCount(challenge: Challenge): OutcomeCount | undefined {
  if (challenge.step === 'carry-over' || challenge.standIn) return undefined;
  switch (challenge.delivery) {
    case 'sent':
      return { outcome: 'sent' };
    case 'reused':
      return { outcome: 'reused' };
    case 'refused':
      return { outcome: 'refused', rule: challenge.refusal ?? 'unknown' };
  }
}

/**
 * Answers that say something of the code: right, wrong, too late (the TTL, or the provider's verification gone by
 * age). A code already dead otherwise (spent, exhausted, replaced), a malformed answer, a resend round, a round
 * with no code and an unknown user count as nothing.
 */
export function verificationCount(verification: Verification): OutcomeCount | undefined {
  switch (verification.verdict) {
    case 'correct':
    case 'wrong':
    case 'expired':
      return { outcome: verification.verdict };
    case 'malformed':
    case 'dead':
    case 'no-code':
    case 'resend':
    case 'user-not-found':
      return undefined;
  }
}

export function signUpCount(decision: SignUpDecision): OutcomeCount | undefined {
  return decision.kind === 'refused' ? { outcome: 'refused', rule: decision.reason } : undefined;
}
