// One cold UpdateItem through this project's light client (the measurement's candidate b).
import { callJson, JSON_PROTOCOLS } from '../../src/adapters/aws/json-protocol';
import { AWS_SERVICES, awsTarget } from '../../src/adapters/aws/services';

await callJson(
  awsTarget(AWS_SERVICES.dynamodb),
  JSON_PROTOCOLS.dynamodb,
  'UpdateItem',
  {
    TableName: process.env.OTP_LEDGER_TABLE,
    Key: { pk: { S: `measure#${process.pid}` } },
    UpdateExpression: 'ADD n :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  },
  AbortSignal.timeout(5000),
);
