/**
 * The ledger table, described once: infra creates it from this, and so do the tests and the playground
 * (on dynalite). One string partition key, no sort key, billed per request, TTL on a number attribute.
 */
export const LEDGER_TABLE = {
  partitionKey: 'pk',
  billingMode: 'PAY_PER_REQUEST',
  timeToLiveAttribute: 'expiresAt',
  /** The only item operations the function makes on it; infra grants exactly these. */
  itemActions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
} as const;

/** DynamoDB's CreateTable input for the table. */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: LEDGER_TABLE.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: LEDGER_TABLE.partitionKey, KeyType: 'HASH' }],
    BillingMode: LEDGER_TABLE.billingMode,
  };
}
