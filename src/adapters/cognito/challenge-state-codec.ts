import type { ChallengeState } from '../../domain/session';

/**
 * The challenge state as Cognito carries it: one string in `challengeMetadata` (the only field that survives
 * from one round to the next) and in `privateChallengeParameters` (for this round's Verify).
 * `OTP1:<issuedAt>:<proof>`; the prefix versions the format.
 */
const PREFIX = 'OTP1';
const FORMAT = /^OTP1:(\d{1,15}):([A-Za-z0-9_-]*)$/;

export function encodeState(state: ChallengeState): string {
  return `${PREFIX}:${state.issuedAt}:${state.proof}`;
}

/** The state, or `undefined` when the value is missing or not in the format: the domain refuses to go on without it. */
export function decodeState(value: unknown): ChallengeState | undefined {
  const match = typeof value === 'string' ? FORMAT.exec(value) : null;
  return match ? { issuedAt: Number(match[1]), proof: match[2] ?? '' } : undefined;
}
