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

export type BudgetCharge = { readonly kind: 'ok' } | { readonly kind: 'refused'; readonly rule: 'range' | 'budget'; readonly retryAt: number };

/**
 * Counts one SMS against the number's range and the pool's hourly and daily budgets, or refuses it.
 * Charge only after the ledger has claimed a send: a refusal here means no SMS goes out.
 */
/** `exemptFromRange`: a phone whose code signed someone in before, not held back by its number range. */
export interface ChargeOptions {
  readonly exemptFromRange: boolean;
}

export interface SendBudget {
  charge(phone: PhoneNumber, now: number, deadline: Deadline, options?: ChargeOptions): Promise<BudgetCharge>;
  /**
   * What `charge` would answer now, counting nothing: an unknown user's stand-in is refused exactly as a known
   * user would be, without spending the pool's budget on made-up user names.
   */
  peek(phone: PhoneNumber, now: number, deadline: Deadline): Promise<BudgetCharge>;
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

/** The windows a send to `phone` counts in, narrowest first: a range being pumped refuses before the pool's budget is touched. */
export function budgetWindows(
  phone: PhoneNumber,
  now: number,
  limits: BudgetLimits,
): readonly [range: BudgetWindow & { readonly range: string }, hour: BudgetWindow, day: BudgetWindow] {
  return [
    { kind: 'range', range: numberRange(phone), period: utcHour(now), limit: limits.maxSendsPerRangePerHour, rule: 'range', ends: startOfNextUtcHour(now) },
    { kind: 'hour', period: utcHour(now), limit: limits.smsBudgetPerHour, rule: 'budget', ends: startOfNextUtcHour(now) },
    { kind: 'day', period: utcDay(now), limit: limits.smsBudgetPerDay, rule: 'budget', ends: startOfNextUtcDay(now) },
  ];
}

/**
 * How a charge proceeds: in steps, narrowest first, and the first refusal stops, so a range being pumped does not
 * eat the pool's budget. The windows of one step are counted together or not at all: the pool's hour and day.
 * A phone exempt from the range rule is neither held back by its range nor counted in it.
 */
export function budgetSteps(phone: PhoneNumber, now: number, limits: BudgetLimits, options?: ChargeOptions): readonly (readonly BudgetWindow[])[] {
  const [range, hour, day] = budgetWindows(phone, now, limits);
  return options?.exemptFromRange ? [[hour, day]] : [[range], [hour, day]];
}

/** The refusal `charge` would give for these counters (one per window, in order): the first full window's, if any. */
export function firstFull(windows: readonly BudgetWindow[], counts: readonly number[]): BudgetCharge {
  const full = windows.findIndex((window, i) => (counts[i] ?? 0) >= window.limit);
  const window = windows[full];
  return window ? { kind: 'refused', rule: window.rule, retryAt: window.ends } : { kind: 'ok' };
}
