import type { Deadline } from '../../domain/ports';
import { type JsonAnswer, JSON_PROTOCOLS, tryJson } from '../aws/json-protocol';
import type { AwsTarget } from '../aws/services';
import { asItem, type Item, str } from './attribute-values';
import { toLedgerError } from './ledger-error';

/** One call to the ledger's table within the deadline; no answer at all (timeout, unreachable, bad reply) is a LedgerError. */
export async function callTable(aws: AwsTarget, operation: 'GetItem' | 'UpdateItem', input: object, deadline: Deadline): Promise<JsonAnswer> {
  try {
    return await tryJson(aws, JSON_PROTOCOLS.dynamodb, operation, input, deadline.signal());
  } catch (error) {
    throw toLedgerError(error, operation);
  }
}

/** The item under `pk`, read consistently: after a refused condition, what refused it (dynalite does not answer it). */
export async function readItem(aws: AwsTarget, tableName: string, pk: string, deadline: Deadline): Promise<Item | undefined> {
  const answer = await callTable(aws, 'GetItem', { TableName: tableName, Key: { pk: str(pk) }, ConsistentRead: true }, deadline);
  if (!answer.ok) throw toLedgerError(answer.error);
  return asItem(answer.output.Item);
}
