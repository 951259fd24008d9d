import type { ProviderName } from './metrics';
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
  /** Sends per phone per UTC day, after which sends wait for the next UTC day; 0 for no such cap. @default 0 */
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
  /**
   * Claimed: the caller sends this code now. `signedInBefore`: a code for this phone signed someone in before (a
   * real handset), so the number-range rule does not hold it back.
   */
  | { readonly kind: 'send'; readonly code: LiveCode; readonly nextSendAt: number; readonly signedInBefore: boolean }
  /** Within the wait and a live code exists: send nothing, continue with it. */
  | { readonly kind: 'live'; readonly code: LiveCode; readonly nextSendAt: number; readonly holder?: ProviderName }
  /** No live code and no send allowed. */
  | { readonly kind: 'refused'; readonly rule: 'resend-wait' | 'phone-daily-cap'; readonly retryAt: number };

export type AnswerOutcome =
  | { readonly kind: 'correct' }
  | { readonly kind: 'wrong'; readonly attemptsLeft: number }
  | { readonly kind: 'dead'; readonly reason: 'spent' | 'exhausted' | 'replaced' | 'expired' };

/** A code as a later round finds it: live with its attempts left, or why it is dead; and when a new one may be sent. */
export type CodeStatus =
  | { readonly kind: 'live'; readonly attemptsLeft: number; readonly nextSendAt: number; readonly holder?: ProviderName }
  | { readonly kind: 'dead'; readonly reason: 'spent' | 'exhausted' | 'replaced' | 'expired'; readonly nextSendAt: number };

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
  /**
   * …then spends the code when the provider says it was right, recording who answered (a keyed hash of `by`): only
   * if it is still this live, unspent code, in one conditional write. `spent` for exactly one caller per code, whatever
   * the provider approves; the others are told why the code is dead and must get no tokens.
   */
  markSpent(
    phone: PhoneNumber,
    codeId: string,
    by: Answerer,
    now: number,
    deadline: Deadline,
  ): Promise<{ readonly kind: 'spent' } | Extract<AnswerOutcome, { kind: 'dead' }>>;
  /**
   * When a code for this exact number last signed in this very user (a correct answer, or the provider's approval);
   * undefined if never, or if the code was spent by another account listing the same number.
   */
  provenAt(phone: PhoneNumber, user: Answerer, deadline: Deadline): Promise<number | undefined>;
  /**
   * Undoes a claim for which no SMS went out (a range or budget refusal, a failing budget write, a provider that
   * refused, was unreachable, or answered nonsense): if `codeId` is still the live code and was never answered,
   * removes it and gives back its send (today's count and the previous send's time), in one conditional write, so
   * that only an SMS actually sent counts toward the phone's limits. `now` is the claim's. Otherwise (replaced,
   * answered) leaves the record as it is.
   */
  releaseSend(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<void>;
  /**
   * Records that `holder`, not the primary, sent `codeId` (after a failover), so that a later sign-in continuing the
   * live code asks the right provider; a conditional write on this very code. An absent holder is the primary.
   */
  recordHolder(phone: PhoneNumber, codeId: string, holder: ProviderName, deadline: Deadline): Promise<void>;
  /** What became of `codeId` now, for a round that goes on with it: a read, nothing counted. */
  codeStatus(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<CodeStatus>;
}
