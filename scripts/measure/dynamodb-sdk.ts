// One cold UpdateItem through the AWS SDK v3 DynamoDB client (the measurement's candidate a).
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({ maxAttempts: 1 });
await client.send(
  new UpdateItemCommand({
    TableName: process.env.OTP_LEDGER_TABLE,
    Key: { pk: { S: `measure#${process.pid}` } },
    UpdateExpression: 'ADD n :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  }),
  { abortSignal: AbortSignal.timeout(5000) },
);
