import type { PhoneNumber } from './phone';
import type { Deadline, UserRef } from './ports';

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

/** Who answered a code: the user a spend is bound to, so that it proves the number for that account alone. */
export type Answerer = Pick<UserRef, 'poolId' | 'userName'>;

export interface CodeLedger {
  /** Claims a send for `code` if the limits allow one; each send retires the previous code. */
  claimSend(phone: PhoneNumber, code: NewCode, now: number, deadline: Deadline): Promise<SendClaim>;
  /**
   * Codes made here (sns, fake, solapi): compares candidateProof with the stored proof and counts the answer, in one
   * conditional write, which also records who answered (a keyed hash of `by`) for `provenAt`.
   */
  checkAnswer(phone: PhoneNumber, codeId: string, candidateProof: string, by: Answerer, now: number, deadline: Deadline): Promise<AnswerOutcome>;
  /** Codes kept by the provider: reserves one attempt before asking the provider… */
  reserveAttempt(
    phone: PhoneNumber,
    codeId: string,
    now: number,
    deadline: Deadline,
  ): Promise<{ readonly kind: 'reserved'; readonly attemptsLeft: number } | Extract<AnswerOutcome, { kind: 'dead' }>>;
  /** …then spends the code when the provider says it was right, recording who answered (a keyed hash of `by`). */
  markSpent(phone: PhoneNumber, codeId: string, by: Answerer, now: number, deadline: Deadline): Promise<void>;
  /**
   * When a code for this exact number last signed in this very user (a correct answer, or the provider's approval);
   * undefined if never, or if the code was spent by another account listing the same number.
   */
  provenAt(phone: PhoneNumber, user: Answerer, deadline: Deadline): Promise<number | undefined>;
  /**
   * Undoes a claim whose send definitely failed (the provider refused it, was unreachable, or answered nonsense):
   * if `codeId` is still the live code and was never answered, removes it and allows an immediate send, in one
   * conditional write; the day's send count stays, so a failing provider still meets the daily cap. Otherwise
   * (replaced, answered) leaves the record as it is.
   */
  releaseSend(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<void>;
}
