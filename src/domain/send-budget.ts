import type { PhoneNumber } from './phone';
import type { Deadline } from './ports';

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
export interface SendBudget {
  charge(phone: PhoneNumber, now: number, deadline: Deadline): Promise<BudgetCharge>;
}
