import type { ProviderName } from './metrics';

/**
 * What one sign-in carries from Create to Verify and to later rounds. It never holds the code nor its proof:
 * the ledger keeps the proof. How it travels (Cognito's `challengeMetadata`) is the adapter's business.
 */
export interface ChallengeState {
  /** The ledger's id of the code this round answers; '' when no code was sent (the send was refused). */
  readonly codeId: string;
  readonly issuedAt: number;
  /** Answers left on the code, as of this round's Create. */
  readonly attemptsLeft: number;
  /** When the next send is allowed (epoch ms). */
  readonly resendAt: number;
  /** Resends asked for in this sign-in so far. */
  readonly resends: number;
  readonly delivery: Delivery;
  readonly refusal?: Refusal;
  /** The provider that sent the code (OTP_FALLBACK_PROVIDER after a failover); absent for the primary. */
  readonly holder?: ProviderName;
}

export type Delivery = 'sent' | 'reused' | 'refused';
/**
 * Every rule that may refuse a send, as the public `refusal` parameter names it. `code-spent`: the code this sign-in
 * went on with signed someone in meanwhile; a new one may be sent at `resendAt`.
 */
export const REFUSALS = ['resend-wait', 'phone-daily-cap', 'country', 'range', 'budget', 'code-spent'] as const;
export type Refusal = (typeof REFUSALS)[number];

/** One earlier round of the sign-in. */
export interface Round {
  /** `otp` for this function's one-time-code challenge; anything else (a password step, MFA, …) is `other`. */
  readonly challenge: 'otp' | 'other';
  /** Whether that round's answer was correct. */
  readonly result: boolean;
  /** The state Create made in that round; absent when none came back or it could not be read. */
  readonly state?: ChallengeState;
}
