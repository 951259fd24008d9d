/**
 * What one sign-in carries from Create to Verify and to later rounds: when the code was issued and the
 * provider's proof of it. It never holds the code. How it travels (Cognito's session) is the adapter's business.
 */
export interface ChallengeState {
  readonly issuedAt: number;
  readonly proof: string;
}

/** One earlier round of the sign-in. */
export interface Round {
  /** `otp` for this function's one-time-code challenge; anything else (a password step, MFA, …) is `other`. */
  readonly challenge: 'otp' | 'other';
  /** Whether that round's answer was correct. */
  readonly result: boolean;
  /** The state Create made in that round; absent when none came back or it could not be read. */
  readonly state?: ChallengeState;
}

export function attemptsLeft(session: readonly Round[], maxAttempts: number): number {
  return Math.max(0, maxAttempts - session.length);
}
