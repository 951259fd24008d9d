/** One earlier round of the sign-in, as Cognito reports it in `request.session`. */
export interface Round {
  readonly challengeName: string;
  readonly challengeResult: boolean;
  readonly challengeMetadata?: string;
}

export const OTP_CHALLENGE = 'CUSTOM_CHALLENGE';

export function attemptsLeft(session: readonly Round[], maxAttempts: number): number {
  return Math.max(0, maxAttempts - session.length);
}
