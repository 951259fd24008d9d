import type { PhoneNumber } from './phone';
import type { Deadline } from './ports';

/**
 * The verification ledger: one record per phone, shared by every instance, that makes the safety rules
 * hold across sign-ins, Cognito's retries and concurrency. Times are epoch milliseconds, as `Clock.now()`.
 */

/** The send and answer limits the ledger enforces. */
export interface SendLimits {
  /** The wait after the first send of the day; it doubles with each further send today. */
  readonly resendIntervalSeconds: number;
  /** The longest wait between two sends. @default 1800 */
  readonly maxResendWaitSeconds: number;
  /** Sends per phone per UTC day. @default 10 */
  readonly maxSendsPerPhonePerDay: number;
  readonly codeTtlSeconds: number;
  /** Answers per code, right or wrong; after this many wrong answers even the right one is refused. */
  readonly maxAttempts: number;
}

export interface NewCode {
  readonly codeId: string;
  /** The code's HMAC proof; '' when the provider keeps the code. */
  readonly proof: string;
}

export interface LiveCode {
  readonly codeId: string;
  readonly issuedAt: number;
  readonly attemptsLeft: number;
}

export type SendClaim =
  /** Claimed: the caller sends this code now. */
  | { readonly kind: 'send'; readonly code: LiveCode; readonly nextSendAt: number }
  /** Within the wait and a live code exists: send nothing, continue with it. */
  | { readonly kind: 'live'; readonly code: LiveCode; readonly nextSendAt: number }
  /** No live code and no send allowed. */
  | { readonly kind: 'refused'; readonly rule: 'resend-wait' | 'phone-daily-cap'; readonly retryAt: number };

export type AnswerOutcome =
  | { readonly kind: 'correct' }
  | { readonly kind: 'wrong'; readonly attemptsLeft: number }
  | { readonly kind: 'dead'; readonly reason: 'spent' | 'exhausted' | 'replaced' | 'expired' };

export interface CodeLedger {
  /** Claims a send for `code` if the limits allow one; each send retires the previous code. */
  claimSend(phone: PhoneNumber, code: NewCode, now: number, deadline: Deadline): Promise<SendClaim>;
  /** Codes made here (sns, fake, solapi): compares candidateProof with the stored proof and counts the answer, in one conditional write. */
  checkAnswer(phone: PhoneNumber, codeId: string, candidateProof: string, now: number, deadline: Deadline): Promise<AnswerOutcome>;
  /** Codes kept by the provider: reserves one attempt before asking the provider… */
  reserveAttempt(
    phone: PhoneNumber,
    codeId: string,
    now: number,
    deadline: Deadline,
  ): Promise<{ readonly kind: 'reserved'; readonly attemptsLeft: number } | Extract<AnswerOutcome, { kind: 'dead' }>>;
  /** …then spends the code when the provider says it was right. */
  markSpent(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<void>;
  /** When a code for this exact number last signed someone in (a correct answer, or the provider's approval); undefined if never. */
  provenAt(phone: PhoneNumber, deadline: Deadline): Promise<number | undefined>;
}
