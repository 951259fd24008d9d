import type { PhoneNumber } from '../../domain/phone';
import type { Deadline } from '../../domain/ports';
import type { BudgetCharge, BudgetLimits, SendBudget } from '../../domain/send-budget';
import { numberRange, startOfNextUtcDay, startOfNextUtcHour, utcDay, utcHour } from '../../domain/send-rules';
import { JSON_PROTOCOLS, tryJson } from '../aws/json-protocol';
import { AWS_SERVICES, awsTarget, type AwsTarget } from '../aws/services';
import { num, str } from './attribute-values';
import { toLedgerError } from './ledger-error';
import { keyedHash } from './phone-key';

export interface DynamoDbBudgetSettings {
  /** OTP_LEDGER_TABLE: the counters share the ledger's table. */
  readonly tableName: string;
  /** OTP_HMAC_SECRET: keys the number range's hash. */
  readonly keySecret: Uint8Array;
  readonly limits: BudgetLimits;
  readonly aws?: AwsTarget;
}

/**
 * The fraud and cost counters in the ledger's table: one item per window, each charge a conditional ADD
 * (`attribute_not_exists(n) OR n < :limit`), so the limit holds across instances. The windows are charged in
 * turn, narrowest first (range, hour, day), and the first refusal stops: a range being pumped does not eat the
 * pool's budget. A later refusal leaves the earlier counters one higher, which errs on the safe side.
 *
 * Items: `range#<HMAC(all but the last 4 digits)>#<YYYYMMDDHH>`, `budget#hour#<YYYYMMDDHH>`, `budget#day#<YYYYMMDD>`,
 * each with `n` and `expiresAt` at the window's end. One item takes about 1,000 writes/s, far above any budget.
 */
export class DynamoDbSendBudget implements SendBudget {
  private readonly aws: AwsTarget;

  constructor(private readonly settings: DynamoDbBudgetSettings) {
    this.aws = settings.aws ?? awsTarget(AWS_SERVICES.dynamodb);
  }

  async charge(phone: PhoneNumber, now: number, deadline: Deadline): Promise<BudgetCharge> {
    const { limits, keySecret } = this.settings;
    const hourEnds = startOfNextUtcHour(now);
    const dayEnds = startOfNextUtcDay(now);
    const windows = [
      {
        pk: `range#${keyedHash(keySecret, `range:${numberRange(phone)}`)}#${utcHour(now)}`,
        limit: limits.maxSendsPerRangePerHour,
        rule: 'range',
        ends: hourEnds,
      },
      { pk: `budget#hour#${utcHour(now)}`, limit: limits.smsBudgetPerHour, rule: 'budget', ends: hourEnds },
      { pk: `budget#day#${utcDay(now)}`, limit: limits.smsBudgetPerDay, rule: 'budget', ends: dayEnds },
    ] as const;
    for (const window of windows) {
      if (!(await this.count(window.pk, window.limit, window.ends, deadline))) return { kind: 'refused', rule: window.rule, retryAt: window.ends };
    }
    return { kind: 'ok' };
  }

  /** Adds one to the window's counter unless it is at the limit; false when it is. */
  private async count(pk: string, limit: number, ends: number, deadline: Deadline): Promise<boolean> {
    const input = {
      TableName: this.settings.tableName,
      Key: { pk: str(pk) },
      ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
      UpdateExpression: 'SET expiresAt = :exp ADD n :one',
      ExpressionAttributeValues: { ':limit': num(limit), ':one': num(1), ':exp': num(Math.ceil(ends / 1000)) },
    };
    let answer;
    try {
      answer = await tryJson(this.aws, JSON_PROTOCOLS.dynamodb, 'UpdateItem', input, deadline.signal());
    } catch (error) {
      throw toLedgerError(error);
    }
    if (answer.ok) return true;
    if (answer.error.code === 'ConditionalCheckFailedException') return false;
    throw toLedgerError(answer.error);
  }
}
