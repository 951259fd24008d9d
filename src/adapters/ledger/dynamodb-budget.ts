import type { PhoneNumber } from '../../domain/phone';
import type { Deadline } from '../../domain/ports';
import {
  type BudgetCharge,
  type BudgetLimits,
  budgetWindows,
  type BudgetWindow,
  type CounterAnswer,
  counterAnswer,
  type CounterPart,
  type SendBudget,
} from '../../domain/send-budget';
import type { AwsTarget } from '../aws/services';
import { asItem, type AttributeValue, num, readNumber, str } from './attribute-values';
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

/** One item's counters: the item's key, and each counter's attribute with its window. */
interface Counter {
  readonly pk: string;
  readonly counts: readonly { readonly attribute: string; readonly window: BudgetWindow }[];
}

/**
 * The fraud and cost counters in the ledger's table: one conditional ADD per item, the two items in flight together,
 * so the limits hold across instances and a charge costs one round trip.
 * - `range#<HMAC(all but the last 4 digits)>#<YYYYMMDDHH>`: `n`, the range's sends this hour;
 * - `budget#<YYYYMMDD>`: `d`, the pool's SMS today, and `h<YYYYMMDDHH>`, this hour's. The hour and the day are one
 *   item so that both are counted or neither.
 * Each expires at its window's end. One item takes about 1,000 writes/s (docs/scale.md). A charge that sent nothing
 * is given back within a round trip; until then it counts, so near a limit a concurrent send may be refused early.
 */
export class DynamoDbSendBudget implements SendBudget {
  private readonly aws: AwsTarget;

  constructor(private readonly settings: DynamoDbBudgetSettings) {
    this.aws = settings.aws;
  }

  async charge(phone: PhoneNumber, now: number, deadline: Deadline, weight: 0 | 1): Promise<BudgetCharge> {
    const windows = budgetWindows(phone, now, this.settings.limits);
    const counters = this.counters(windows);
    const parts = ['range', 'pool'] as const;
    const answers = await Promise.allSettled(parts.map((part) => this.count(counters[part], weight, deadline)));
    const [range, pool] = answers;
    if (range?.status === 'fulfilled' && pool?.status === 'fulfilled') return { range: range.value, pool: pool.value, weight, windows };
    // A write that failed may or may not have counted; the other one's count is given back, and the failure goes on.
    const counted = parts.filter((_, i) => answers[i]?.status === 'fulfilled' && answers[i].value.kind === 'counted');
    await Promise.allSettled(counted.map((part) => this.add(counters[part], -weight, deadline)));
    throw answers.find((answer) => answer.status === 'rejected')?.reason;
  }

  async refund(charge: BudgetCharge, parts: readonly CounterPart[], deadline: Deadline): Promise<void> {
    const counters = this.counters(charge.windows);
    await Promise.all(parts.filter((part) => charge[part].kind === 'counted').map((part) => this.add(counters[part], -charge.weight, deadline)));
  }

  /** The windows as items: the range's, and the pool's hour and day on one item. */
  private counters({ range, pool: [hour, day] }: BudgetCharge['windows']): Record<CounterPart, Counter> {
    return {
      range: { pk: `range#${keyedHash(this.settings.keySecret, `range:${range.range}`)}#${range.period}`, counts: [{ attribute: 'n', window: range }] },
      pool: {
        pk: `budget#${day.period}`,
        counts: [
          { attribute: `h${hour.period}`, window: hour },
          { attribute: 'd', window: day },
        ],
      },
    };
  }

  /**
   * Adds `weight` to each of the item's counters unless one is at its limit; which window is full when one is.
   * DynamoDB answers a refused condition with the item; dynalite does not, so then it is read. A counter found below
   * its limit after all was given back meanwhile (a concurrent charge that sent nothing): the write is tried again,
   * a bounded number of times, then refused by its first window, failing closed.
   */
  private async count(counter: Counter, weight: 0 | 1, deadline: Deadline): Promise<CounterAnswer> {
    const limits = Object.fromEntries(counter.counts.map(({ window }, i) => [`:limit${i}`, num(window.limit)]));
    const condition = counter.counts.map((_, i) => `(attribute_not_exists(#c${i}) OR #c${i} < :limit${i})`).join(' AND ');
    const windows = counter.counts.map(({ window }) => window);
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await this.update(counter, weight, { condition, values: limits }, deadline);
      if (answer.ok) return { kind: 'counted' };
      const item = asItem(answer.details.Item) ?? (await readItem(this.aws, this.settings.tableName, counter.pk, deadline));
      const full = counterAnswer(
        windows,
        counter.counts.map(({ attribute }) => readNumber(item, attribute) ?? 0),
      );
      if (full.kind === 'full') return full;
    }
    const [first] = windows;
    if (!first) throw new LedgerError('a budget counter has no window');
    return { kind: 'full', rule: first.rule, retryAt: first.ends };
  }

  /** Gives a count back (`delta` ≤ 0), never below zero: refused, the counter is gone (expired), so there is nothing to give back. */
  private async add(counter: Counter, delta: number, deadline: Deadline): Promise<void> {
    const condition = counter.counts.map((_, i) => `#c${i} >= :floor`).join(' AND ');
    await this.update(counter, delta, { condition, values: { ':floor': num(-delta) } }, deadline);
  }

  private async update(
    counter: Counter,
    delta: number,
    guard: { condition: string; values: Record<string, AttributeValue> },
    deadline: Deadline,
  ): Promise<{ ok: true } | { ok: false; details: { Item?: unknown } }> {
    const ends = Math.max(...counter.counts.map(({ window }) => window.ends));
    const input = {
      TableName: this.settings.tableName,
      Key: { pk: str(counter.pk) },
      ConditionExpression: guard.condition,
      UpdateExpression: `SET expiresAt = :exp ADD ${counter.counts.map((_, i) => `#c${i} :delta`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(counter.counts.map(({ attribute }, i) => [`#c${i}`, attribute])),
      ExpressionAttributeValues: { ...guard.values, ':delta': num(delta), ':exp': num(Math.ceil(ends / 1000)) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
    const answer = await callTable(this.aws, 'UpdateItem', input, deadline);
    if (answer.ok) return { ok: true };
    if (answer.error.code !== 'ConditionalCheckFailedException') throw toLedgerError(answer.error);
    return { ok: false, details: answer.details as { Item?: unknown } };
  }
}
