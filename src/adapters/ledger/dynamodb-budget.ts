import type { PhoneNumber } from '../../domain/phone';
import type { Deadline } from '../../domain/ports';
import { type BudgetCharge, type BudgetLimits, budgetWindows, firstFull, type SendBudget } from '../../domain/send-budget';
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
    for (const window of this.windows(phone, now)) {
      if (!(await this.count(window.pk, window.limit, window.ends, deadline))) return { kind: 'refused', rule: window.rule, retryAt: window.ends };
    }
    return { kind: 'ok' };
  }

  /** The three counters read at once (consistent reads), nothing written. */
  async peek(phone: PhoneNumber, now: number, deadline: Deadline): Promise<BudgetCharge> {
    const windows = this.windows(phone, now);
    return firstFull(windows, await Promise.all(windows.map((window) => this.read(window.pk, deadline))));
  }

  private windows(phone: PhoneNumber, now: number) {
    const hash = (range: string) => keyedHash(this.settings.keySecret, `range:${range}`);
    return budgetWindows(phone, now, this.settings.limits).map((window) => ({
      ...window,
      pk: window.kind === 'range' ? `range#${hash(window.range ?? '')}#${window.period}` : `budget#${window.kind}#${window.period}`,
    }));
  }

  private async read(pk: string, deadline: Deadline): Promise<number> {
    const input = { TableName: this.settings.tableName, Key: { pk: str(pk) }, ConsistentRead: true, ProjectionExpression: 'n' };
    let answer;
    try {
      answer = await tryJson(this.aws, JSON_PROTOCOLS.dynamodb, 'GetItem', input, deadline.signal());
    } catch (error) {
      throw toLedgerError(error);
    }
    if (!answer.ok) throw toLedgerError(answer.error);
    const n = (answer.output as { Item?: { n?: { N?: string } } }).Item?.n?.N;
    return n === undefined ? 0 : Number(n);
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
