import type { Admission, BreakerLimits, ProviderHealth } from '../../domain/delivery';
import type { ProviderName } from '../../domain/metrics';
import type { Deadline } from '../../domain/ports';
import type { AwsTarget } from '../aws/services';
import { asItem, type AttributeValue, type Item, num, readNumber, str } from './attribute-values';
import { LedgerError, toLedgerError } from './ledger-error';
import { callTable, readItem } from './table-calls';

export interface DynamoDbProviderHealthSettings {
  /** OTP_LEDGER_TABLE: the breakers live beside the phones' items. */
  readonly tableName: string;
  readonly breaker: BreakerLimits;
  readonly aws: AwsTarget;
}

const CONDITION_FAILED = 'ConditionalCheckFailedException';

/** A provider's breaker item: no phone and no secret in it, so its key is the provider's name. */
export const breakerKey = (provider: ProviderName): string => `breaker#${provider}`;

/**
 * Each provider's breaker as one item of the ledger table, shared by every instance, every rule a conditional write:
 * `failures` counted since `windowStart`; `openUntil` while open. The one write whose condition sees the count reach
 * the threshold opens it (and starts the count again); after the cool-off, the one write that moves `openUntil` on
 * claims the trial send, so the others keep skipping the provider meanwhile, and a trial that never reports
 * (an instance gone) simply leaves it open for one more cool-off. A trial that succeeds removes `openUntil`.
 */
export class DynamoDbProviderHealth implements ProviderHealth {
  constructor(private readonly settings: DynamoDbProviderHealthSettings) {}

  async admit(provider: ProviderName, now: number, deadline: Deadline): Promise<Admission> {
    const openUntil = readNumber(await readItem(this.settings.aws, this.settings.tableName, breakerKey(provider), deadline), 'openUntil');
    if (openUntil === undefined) return { kind: 'closed' };
    if (openUntil > now) return { kind: 'open' };
    const until = now + this.settings.breaker.cooloffSeconds * 1000;
    const claimed = await this.update(
      provider,
      { condition: 'openUntil = :seen', update: 'SET openUntil = :until', values: { ':seen': num(openUntil), ':until': num(until) } },
      deadline,
    );
    return claimed ? { kind: 'trial', until } : { kind: 'open' };
  }

  async failed(provider: ProviderName, now: number, deadline: Deadline): Promise<'counted' | 'opened'> {
    const { failures, windowSeconds, cooloffSeconds } = this.settings.breaker;
    const cutoff = num(now - windowSeconds * 1000);
    let count: number | undefined;
    // Bounded: counted in the window, or a new window started; a race between the two is retried once.
    for (let attempt = 0; attempt < 2 && count === undefined; attempt++) {
      const counted =
        (await this.update(
          provider,
          { condition: 'windowStart > :cutoff', update: 'ADD failures :one', values: { ':cutoff': cutoff, ':one': num(1) } },
          deadline,
        )) ??
        (await this.update(
          provider,
          {
            condition: 'attribute_not_exists(windowStart) OR windowStart <= :cutoff',
            update: 'SET windowStart = :now, failures = :one',
            values: { ':cutoff': cutoff, ':now': num(now), ':one': num(1) },
          },
          deadline,
        ));
      count = counted && readNumber(counted, 'failures');
    }
    if (count === undefined) throw new LedgerError('breaker UpdateItem failed: the failure was refused twice');
    if (count < failures) return 'counted';
    const opened = await this.update(
      provider,
      {
        condition: 'failures >= :n AND (attribute_not_exists(openUntil) OR openUntil <= :now)',
        update: 'SET openUntil = :until REMOVE failures, windowStart',
        values: { ':n': num(failures), ':now': num(now), ':until': num(now + cooloffSeconds * 1000) },
      },
      deadline,
    );
    return opened ? 'opened' : 'counted';
  }

  async recovered(provider: ProviderName, trial: Extract<Admission, { kind: 'trial' }>, deadline: Deadline): Promise<void> {
    // Only the trial's own opening: one that a failure reopened since stays open.
    await this.update(
      provider,
      { condition: 'openUntil = :until', update: 'REMOVE openUntil, failures, windowStart', values: { ':until': num(trial.until) } },
      deadline,
    );
  }

  /** The item after the write, or undefined when its condition refused it. */
  private async update(
    provider: ProviderName,
    expression: { condition: string; update: string; values: Record<string, AttributeValue> },
    deadline: Deadline,
  ): Promise<Item | undefined> {
    const input = {
      TableName: this.settings.tableName,
      Key: { pk: str(breakerKey(provider)) },
      ConditionExpression: expression.condition,
      UpdateExpression: expression.update,
      ExpressionAttributeValues: expression.values,
      ReturnValues: 'ALL_NEW',
    };
    const answer = await callTable(this.settings.aws, 'UpdateItem', input, deadline);
    if (answer.ok) return asItem(answer.output.Attributes) ?? {};
    if (answer.error.code === CONDITION_FAILED) return undefined;
    throw toLedgerError(answer.error);
  }
}
