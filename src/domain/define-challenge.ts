import type { OtpPolicy } from './policy';
import type { Round } from './session';

export interface DefineInput {
  readonly session: readonly Round[];
  readonly userNotFound: boolean;
}

export type Decision =
  | { readonly kind: 'challenge' }
  | { readonly kind: 'issue-tokens' }
  | { readonly kind: 'fail'; readonly reason: 'foreign-challenge' | 'exhausted' | 'user-not-found' };

/** Decides what Cognito does next, from the rounds so far. Pure. */
export function decideNextStep(input: DefineInput, policy: Pick<OtpPolicy, 'maxAttempts'>): Decision {
  const { session, userNotFound } = input;
  if (session.some((round) => round.challenge !== 'otp')) {
    return { kind: 'fail', reason: 'foreign-challenge' };
  }
  if (session.length > policy.maxAttempts) return { kind: 'fail', reason: 'exhausted' };
  const last = session.at(-1);
  if (last?.result === true) {
    return userNotFound ? { kind: 'fail', reason: 'user-not-found' } : { kind: 'issue-tokens' };
  }
  // A caller for an unknown user sees the same rounds as anyone else, so the pool leaks nothing.
  if (session.length < policy.maxAttempts) return { kind: 'challenge' };
  return { kind: 'fail', reason: 'exhausted' };
}

/** Define's service as the router calls it: the pure rule with the configured policy. */
export interface DefineChallenge {
  decide(input: DefineInput): Decision;
}

export const defineChallenge = (policy: Pick<OtpPolicy, 'maxAttempts'>): DefineChallenge => ({ decide: (input) => decideNextStep(input, policy) });
