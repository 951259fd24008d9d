import { maxRounds, type OtpPolicy } from './policy';
import type { Round } from './session';

export interface DefineInput {
  readonly session: readonly Round[];
  readonly userNotFound: boolean;
  /** The answer that made the last round was a request for a new code (clientMetadata `action: resend`). */
  readonly resend: boolean;
}

export type Decision =
  | { readonly kind: 'challenge' }
  | { readonly kind: 'issue-tokens' }
  | { readonly kind: 'fail'; readonly reason: 'foreign-challenge' | 'exhausted' | 'user-not-found' };

/**
 * Decides what Cognito does next, from the rounds so far. Pure, and no ledger call: the last round's state says
 * how many answers the code had left. Tokens only after a correct answer; a resend request gets another
 * challenge; a wrong answer another one only while answers remain; and the rounds of one sign-in stay bounded.
 */
export function decideNextStep(input: DefineInput, policy: Pick<OtpPolicy, 'maxAttempts' | 'maxResendsPerSignIn'>): Decision {
  const { session, userNotFound } = input;
  if (session.some((round) => round.challenge !== 'otp')) return { kind: 'fail', reason: 'foreign-challenge' };
  const last = session.at(-1);
  if (!last) return { kind: 'challenge' };
  if (last.result) {
    // A correct answer for an unknown user cannot happen (its proof matches nothing); refuse it all the same.
    return userNotFound ? { kind: 'fail', reason: 'user-not-found' } : { kind: 'issue-tokens' };
  }
  if (session.length >= maxRounds(policy)) return { kind: 'fail', reason: 'exhausted' };
  // Without a readable state Create refuses to go on, with words (ChallengeStateError).
  if (!last.state || input.resend) return { kind: 'challenge' };
  // A caller for an unknown user sees the same rounds as anyone else, so the pool leaks nothing.
  return last.state.attemptsLeft - 1 > 0 ? { kind: 'challenge' } : { kind: 'fail', reason: 'exhausted' };
}

/** Define's service as the router calls it: the pure rule with the configured policy. */
export interface DefineChallenge {
  decide(input: DefineInput): Decision;
}

export const defineChallenge = (policy: Pick<OtpPolicy, 'maxAttempts' | 'maxResendsPerSignIn'>): DefineChallenge => ({
  decide: (input) => decideNextStep(input, policy),
});
