import type { CodeStatus, LiveCode, SendClaim, SendLimits } from './code-ledger';

/**
 * The ledger's rules as pure functions over one phone's record, shared by every ledger adapter:
 * the DynamoDB adapter encodes them in its conditions and classifies its refusals with them; the
 * in-memory fake applies them directly. Times are epoch milliseconds.
 */

/** One phone's record, as any ledger stores it. */
export interface PhoneRecord {
  readonly code?: {
    readonly codeId: string;
    readonly issuedAt: number;
    /** Answers counted against this code, right or wrong. */
    readonly checks: number;
    /** Signed someone in: a correct answer was given, or the provider confirmed one. */
    readonly spent: boolean;
  };
  readonly lastSentAt?: number;
  /** `lastSentAt` before the latest claim: a claim given back (nothing was sent) restores it. */
  readonly previousSentAt?: number;
  /** Sends today (UTC), by this record's own count for `utcDay(now)`. */
  readonly sendsToday: number;
  /**
   * A code for this phone signed someone in within `SIGNED_IN_RETENTION_DAYS`: the phone is a real handset in use,
   * not a number being pumped, so the number-range rule does not hold its sends back (the pool's budget still does).
   */
  readonly signedInBefore: boolean;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The UTC day of `now`, as `YYYYMMDD`: the name of that day's send counter. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The UTC hour of `now`, as `YYYYMMDDHH`. */
export function utcHour(now: number): string {
  return new Date(now).toISOString().slice(0, 13).replaceAll(/[-T]/g, '');
}

/** How long a phone's record remembers that one of its codes signed someone in (the range exemption). */
export const SIGNED_IN_RETENTION_DAYS = 180;

export const startOfNextUtcDay = (now: number): number => (Math.floor(now / DAY_MS) + 1) * DAY_MS;
export const startOfNextUtcHour = (now: number): number => (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;

/**
 * The wait after the last send, in seconds, when `sendsToday` sends were made today: the interval, doubled per
 * send today after the first, capped at `maxResendWaitSeconds`. With none today (the day just turned) the last
 * send, made yesterday, still holds the plain interval.
 */
export function resendWaitSeconds(sendsToday: number, limits: SendLimits): number {
  const doublings = Math.max(0, Math.min(sendsToday - 1, 30));
  return Math.min(limits.resendIntervalSeconds * 2 ** doublings, Math.max(limits.maxResendWaitSeconds, limits.resendIntervalSeconds));
}

/** The longest wait between two sends, which the backoff reaches and never passes. */
export const longestResendWaitSeconds = (limits: SendLimits): number => resendWaitSeconds(Number.MAX_SAFE_INTEGER, limits);

/** Whether today's sends reached the per-phone daily cap; a cap of 0 is none (the default: the backoff alone bounds sends). */
export const dailyCapReached = (sendsToday: number, limits: SendLimits): boolean =>
  limits.maxSendsPerPhonePerDay > 0 && sendsToday >= limits.maxSendsPerPhonePerDay;

/** When the next send is allowed: after the wait, and after midnight (UTC) once a daily cap (if set) is reached. */
export function nextSendAt(record: PhoneRecord, limits: SendLimits, now: number): number {
  const afterWait = record.lastSentAt === undefined ? now : record.lastSentAt + resendWaitSeconds(record.sendsToday, limits) * 1000;
  if (!dailyCapReached(record.sendsToday, limits)) return Math.max(now, afterWait);
  const tomorrow = startOfNextUtcDay(now);
  const afterWaitTomorrow = record.lastSentAt === undefined ? tomorrow : record.lastSentAt + limits.resendIntervalSeconds * 1000;
  return Math.max(tomorrow, afterWaitTomorrow);
}

export type CodeState = 'live' | 'spent' | 'exhausted' | 'replaced' | 'expired';

/**
 * The one expiry rule, used everywhere (Verify, the pure rules, the DynamoDB conditions): a code issued at
 * `issuedAt` is accepted while `now < issuedAt + ttl`, i.e. while `issuedAt > expiryCutoff(now)`.
 */
export const expiryCutoff = (now: number, codeTtlSeconds: number): number => now - codeTtlSeconds * 1000;

export const isExpired = (issuedAt: number, now: number, codeTtlSeconds: number): boolean => issuedAt <= expiryCutoff(now, codeTtlSeconds);

/** What became of the code `codeId`, by the record. A record without it means a later send replaced it, or it expired and went. */
export function codeState(record: PhoneRecord | undefined, codeId: string, limits: SendLimits, now: number): CodeState {
  const code = record?.code;
  if (!code) return 'expired';
  if (code.codeId !== codeId) return 'replaced';
  if (code.spent) return 'spent';
  if (code.checks >= limits.maxAttempts) return 'exhausted';
  if (isExpired(code.issuedAt, now, limits.codeTtlSeconds)) return 'expired';
  return 'live';
}

export function liveCode(code: NonNullable<PhoneRecord['code']>, limits: SendLimits): LiveCode {
  return { codeId: code.codeId, issuedAt: code.issuedAt, attemptsLeft: Math.max(0, limits.maxAttempts - code.checks) };
}

/** The code `codeId` as a later round finds it, and when a new one may be sent. */
export function statusOf(record: PhoneRecord | undefined, codeId: string, limits: SendLimits, now: number): CodeStatus {
  const state = codeState(record, codeId, limits, now);
  const next = record ? nextSendAt(record, limits, now) : now;
  if (state === 'live' && record?.code) return { kind: 'live', attemptsLeft: liveCode(record.code, limits).attemptsLeft, nextSendAt: next };
  return { kind: 'dead', reason: state === 'live' ? 'expired' : state, nextSendAt: next };
}

/** Whether a send is allowed now. */
export function sendAllowed(record: PhoneRecord | undefined, limits: SendLimits, now: number): boolean {
  if (!record) return true;
  return !dailyCapReached(record.sendsToday, limits) && now >= nextSendAt(record, limits, now);
}

/**
 * What a claim gets when the record (as read) refuses a send, or `undefined` when a send is allowed:
 * a live code to continue with, else a refusal naming the rule and when to try again.
 */
export function refusedClaim(record: PhoneRecord | undefined, limits: SendLimits, now: number): Exclude<SendClaim, { kind: 'send' }> | undefined {
  if (!record || sendAllowed(record, limits, now)) return undefined;
  const retryAt = nextSendAt(record, limits, now);
  if (record.code && codeState(record, record.code.codeId, limits, now) === 'live') {
    return { kind: 'live', code: liveCode(record.code, limits), nextSendAt: retryAt };
  }
  return { kind: 'refused', rule: dailyCapReached(record.sendsToday, limits) ? 'phone-daily-cap' : 'resend-wait', retryAt };
}

/** The record right after a send claimed at `now` (the caller knows today's count before it). */
export function afterSend(record: PhoneRecord | undefined, codeId: string, now: number): PhoneRecord {
  return {
    code: { codeId, issuedAt: now, checks: 0, spent: false },
    lastSentAt: now,
    ...(record?.lastSentAt !== undefined && { previousSentAt: record.lastSentAt }),
    sendsToday: (record?.sendsToday ?? 0) + 1,
    signedInBefore: record?.signedInBefore ?? false,
  };
}

/**
 * The record after a claim is given back because nothing was handed to a provider for it: as if the claim never
 * happened, but for its code, which is gone (only an SMS actually sent counts toward a phone's limits).
 */
export function afterRelease(record: PhoneRecord): PhoneRecord {
  return {
    ...(record.previousSentAt !== undefined && { lastSentAt: record.previousSentAt }),
    sendsToday: Math.max(0, record.sendsToday - 1),
    signedInBefore: record.signedInBefore,
  };
}

/** The phone-number range a number belongs to for the velocity rule: all but its last 4 digits. */
export function numberRange(phone: string): string {
  return phone.slice(0, -4);
}

/**
 * When a record written by a send at `now` may go (epoch seconds), without knowing today's count before it:
 * after the code's life, the longest wait a send can start, and today's counter. At most the longest wait past
 * what the exact count would give, and only for a send near midnight.
 */
export function expiresAtAfterSend(limits: SendLimits, now: number): number {
  const longestWait = longestResendWaitSeconds(limits) * 1000;
  return Math.ceil(Math.max(now + limits.codeTtlSeconds * 1000, now + longestWait, startOfNextUtcDay(now)) / 1000);
}

/** When a record whose code signed someone in at `now` may go (epoch seconds): it keeps the range exemption that long. */
export const expiresAtAfterSignIn = (now: number): number => Math.ceil((now + SIGNED_IN_RETENTION_DAYS * DAY_MS) / 1000);

export const DAY_MILLISECONDS = DAY_MS;
