import type { PhoneNumber } from './phone';
import type { Deadline } from './ports';
import { numberRange, startOfNextUtcDay, startOfNextUtcHour, utcDay, utcHour } from './send-rules';

/** The fraud and cost limits on sends across the whole pool (issue 13). */
export interface BudgetLimits {
  /** Sends per hour to numbers sharing all but their last 4 digits. @default 20 */
  readonly maxSendsPerRangePerHour: number;
  /** SMS per UTC hour, whole pool. @default 200 */
  readonly smsBudgetPerHour: number;
  /** SMS per UTC day, whole pool. @default 2000 */
  readonly smsBudgetPerDay: number;
}

/** One counting window: its key parts, its limit, the rule a full window refuses by, and when it turns. */
export interface BudgetWindow {
  readonly kind: 'range' | 'hour' | 'day';
  /** The UTC hour (`YYYYMMDDHH`) or day (`YYYYMMDD`) counted in. */
  readonly period: string;
  /** A range window's number range (all but the last 4 digits); the adapter may key it by a hash. */
  readonly range?: string;
  readonly limit: number;
  readonly rule: 'range' | 'budget';
  readonly ends: number;
}

/** The windows a send to `phone` at `now` counts in: its number range's hour, and the pool's hour and day (counted together). */
export interface ChargedWindows {
  readonly range: BudgetWindow & { readonly range: string };
  readonly pool: readonly [hour: BudgetWindow, day: BudgetWindow];
}

/** What one counter answered: one was added (or, weighing nothing, would have been), or it is full until `retryAt`. */
export type CounterAnswer = { readonly kind: 'counted' } | { readonly kind: 'full'; readonly rule: 'range' | 'budget'; readonly retryAt: number };

/** A charge's two answers, and what `refund` needs to take back what it counted. */
export interface BudgetCharge {
  readonly range: CounterAnswer;
  readonly pool: CounterAnswer;
  /** What each counted counter was given: 1 for an SMS, 0 for an unknown user's stand-in. */
  readonly weight: 0 | 1;
  readonly windows: ChargedWindows;
}

export type CounterPart = 'range' | 'pool';

/**
 * The number-range and pool counters, shared by every instance. A send charges both at once, in flight together with
 * the ledger's claim (one round trip), and gives back what it took when anything refused it: no SMS, no count.
 */
export interface SendBudget {
  /**
   * Adds `weight` to the range's counter and to the pool's (hour and day), each unless full, in one conditional write
   * per counter, both in flight together. Weight 0 is an unknown user's stand-in: the same writes and so the same
   * refusals and the same time as a known user's, without spending the pool's budget on made-up user names.
   */
  charge(phone: PhoneNumber, now: number, deadline: Deadline, weight: 0 | 1): Promise<BudgetCharge>;
  /** Takes back what `charge` counted on the parts named (in flight together); a part that was full is left alone. */
  refund(charge: BudgetCharge, parts: readonly CounterPart[], deadline: Deadline): Promise<void>;
}

/** The windows a send to `phone` counts in. */
export function budgetWindows(phone: PhoneNumber, now: number, limits: BudgetLimits): ChargedWindows {
  return {
    range: {
      kind: 'range',
      range: numberRange(phone),
      period: utcHour(now),
      limit: limits.maxSendsPerRangePerHour,
      rule: 'range',
      ends: startOfNextUtcHour(now),
    },
    pool: [
      { kind: 'hour', period: utcHour(now), limit: limits.smsBudgetPerHour, rule: 'budget', ends: startOfNextUtcHour(now) },
      { kind: 'day', period: utcDay(now), limit: limits.smsBudgetPerDay, rule: 'budget', ends: startOfNextUtcDay(now) },
    ],
  };
}

/** A counter's answer for its windows' counts (one per window, in order): full by the first full window, else counted. */
export function counterAnswer(windows: readonly BudgetWindow[], counts: readonly number[]): CounterAnswer {
  const window = windows.find((candidate, i) => (counts[i] ?? 0) >= candidate.limit);
  return window ? { kind: 'full', rule: window.rule, retryAt: window.ends } : { kind: 'counted' };
}

export type BudgetVerdict = { readonly kind: 'ok' } | { readonly kind: 'refused'; readonly rule: 'range' | 'budget'; readonly retryAt: number };

/**
 * Whether the charge lets the SMS go: a full range refuses first (it names the narrower rule), then a full pool.
 * `exemptFromRange`: a phone whose code signed someone in before, a real handset, is not held back by its range.
 */
export function budgetVerdict(charge: BudgetCharge, exemptFromRange: boolean): BudgetVerdict {
  for (const answer of exemptFromRange ? [charge.pool] : [charge.range, charge.pool]) {
    if (answer.kind === 'full') return { kind: 'refused', rule: answer.rule, retryAt: answer.retryAt };
  }
  return { kind: 'ok' };
}

/**
 * What to give back of a charge: everything it counted when no SMS goes out (so a range being pumped does not eat
 * the pool's budget, and a refusal costs nobody a count); only the range's count when one goes out to a phone exempt
 * from it (a returning user leaves the range's room to new numbers).
 */
export function partsToRefund(charge: BudgetCharge, sending: boolean, exemptFromRange: boolean): CounterPart[] {
  const counted = (['range', 'pool'] as const).filter((part) => charge[part].kind === 'counted');
  if (!sending) return counted;
  return exemptFromRange ? counted.filter((part) => part === 'range') : [];
}
