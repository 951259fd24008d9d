import { ChallengeStateError } from './errors';

/**
 * What one sign-in carries from Create to Verify and to later rounds. Cognito keeps
 * only `challengeMetadata` across rounds, so this is serialised into it (and into
 * `privateChallengeParameters` for the current round's Verify). It never holds the code.
 */
export interface ChallengeState {
  readonly issuedAt: number;
  readonly proof: string;
}

const PREFIX = 'OTP1';
const FORMAT = /^OTP1:(\d{1,15}):([A-Za-z0-9_-]*)$/;

export function encodeState(state: ChallengeState): string {
  return `${PREFIX}:${state.issuedAt}:${state.proof}`;
}

export function decodeState(value: string | undefined): ChallengeState {
  const match = value === undefined ? null : FORMAT.exec(value);
  if (!match) throw new ChallengeStateError('challenge state is missing or corrupt');
  return { issuedAt: Number(match[1]), proof: match[2] ?? '' };
}
