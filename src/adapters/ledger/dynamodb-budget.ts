import type { PhoneNumber } from '../../domain/phone';
import type { Deadline } from '../../domain/ports';
import { type BudgetCharge, type BudgetLimits, budgetSteps, type BudgetWindow, type ChargeOptions, firstFull, type SendBudget } from '../../domain/send-budget';
import type { AwsTarget } from '../aws/services';
import { asItem, type Item, num, readNumber, str } from './attribute-values';
import { LedgerError, toLedgerError } from './ledger-error';
import { keyedHash } from './phone-key';
import { callTable, readItem } from './table-calls';

export interface DynamoDbBudgetSettings {
  /** OTP_LEDGER_TABLE: the counters share the ledger's table. */
  readonly tableName: string;
  /** OTP_HMAC_SECRET: keys the number range's hash. */
  readonly keySecret: Uint8Array;
  readonly limits: BudgetLimits;
  readonly aws: AwsTarget;
}

/** One conditional ADD on one item: the item's key, the counters it adds one to, each with its window. */
interface Counter {
  readonly pk: string;
  readonly counts: readonly { readonly attribute: string; readonly window: BudgetWindow }[];
}

/**
 * The fraud and cost counters in the ledger's table, one conditional ADD per step of `budgetSteps`, so the limits
 * hold across instances. A pool refusal leaves the range counter one higher, which errs on the safe side.
 * - `range#<HMAC(all but the last 4 digits)>#<YYYYMMDDHH>`: `n`, the range's sends this hour;
 * - `budget#<YYYYMMDD>`: `d`, the pool's SMS today, and `h<YYYYMMDDHH>`, this hour's. The hour and the day are one
 *   item so that they cost one round trip, and both are counted or neither.
 * Each expires at its window's end. One item takes about 1,000 writes/s, far above any budget.
 */
export class DynamoDbSendBudget implements SendBudget {
  private readonly aws: AwsTarget;

  constructor(private readonly settings: DynamoDbBudgetSettings) {
    this.aws = settings.aws;
  }

  async charge(phone: PhoneNumber, now: number, deadline: Deadline, options?: ChargeOptions): Promise<BudgetCharge> {
    for (const counter of this.counters(phone, now, options)) {
      const refusal = await this.count(counter, deadline);
      if (refusal) return refusal;
    }
    return { kind: 'ok' };
  }

  /** The counters read at once (consistent reads), nothing written. */
  async peek(phone: PhoneNumber, now: number, deadline: Deadline): Promise<BudgetCharge> {
    const counters = this.counters(phone, now);
    const items = await Promise.all(counters.map((counter) => readItem(this.aws, this.settings.tableName, counter.pk, deadline)));
    return firstFull(...countsOf(counters, items));
  }

  /** The steps' windows as items: a step is one item, so that its windows are counted in one conditional write. */
  private counters(phone: PhoneNumber, now: number, options?: ChargeOptions): readonly Counter[] {
    return budgetSteps(phone, now, this.settings.limits, options).map((step) => {
      const places = step.map((window) => ({ ...this.place(window), window }));
      const pk = places[0]?.pk;
      if (!pk || places.some((place) => place.pk !== pk)) throw new Error('a budget step must count on one item');
      return { pk, counts: places };
    });
  }

  /** Where a window's count lives: its item and attribute. */
  private place(window: BudgetWindow): { pk: string; attribute: string } {
    switch (window.kind) {
      case 'range':
        return { pk: `range#${keyedHash(this.settings.keySecret, `range:${window.range ?? ''}`)}#${window.period}`, attribute: 'n' };
      case 'hour':
        return { pk: `budget#${window.period.slice(0, 8)}`, attribute: `h${window.period}` };
      case 'day':
        return { pk: `budget#${window.period}`, attribute: 'd' };
    }
  }

  /**
   * Adds one to each of the item's counters unless one is at its limit; the refusal of the first full window when
   * one is. DynamoDB answers a refused condition with the item; dynalite does not, so then it is read.
   */
  private async count(counter: Counter, deadline: Deadline): Promise<BudgetCharge | undefined> {
    const names = Object.fromEntries(counter.counts.map(({ attribute }, i) => [`#c${i}`, attribute]));
    const values = Object.fromEntries(counter.counts.map(({ window }, i) => [`:limit${i}`, num(window.limit)]));
    const ends = Math.max(...counter.counts.map(({ window }) => window.ends));
    const input = {
      TableName: this.settings.tableName,
      Key: { pk: str(counter.pk) },
      ConditionExpression: counter.counts.map((_, i) => `(attribute_not_exists(#c${i}) OR #c${i} < :limit${i})`).join(' AND '),
      UpdateExpression: `SET expiresAt = :exp ADD ${counter.counts.map((_, i) => `#c${i} :one`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':one': num(1), ':exp': num(Math.ceil(ends / 1000)) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
    const answer = await callTable(this.aws, 'UpdateItem', input, deadline);
    if (answer.ok) return undefined;
    if (answer.error.code !== 'ConditionalCheckFailedException') throw toLedgerError(answer.error);
    const item = asItem(answer.details.Item) ?? (await readItem(this.aws, this.settings.tableName, counter.pk, deadline));
    const refusal = firstFull(...countsOf([counter], [item]));
    // The condition failed, so a counter was full: a counter never goes down within its window.
    if (refusal.kind === 'ok') throw new LedgerError('ledger UpdateItem refused a budget counter that is not full');
    return refusal;
  }
}

/** Each counter's window and its count in the item read (0 when absent), in the order `firstFull` takes them. */
function countsOf(counters: readonly Counter[], items: readonly (Item | undefined)[]): [BudgetWindow[], number[]] {
  const pairs = counters.flatMap((counter, i) => counter.counts.map(({ attribute, window }) => [window, readNumber(items[i], attribute) ?? 0] as const));
  return [pairs.map(([window]) => window), pairs.map(([, count]) => count)];
}
