// One cold UpdateItem through this project's light client (the measurement's candidate b).
import { callJson, JSON_PROTOCOLS } from '../../src/adapters/aws/json-protocol';
import { awsTarget } from '../../src/adapters/aws/services';
import { readAwsSettings } from '../../src/adapters/runtime/config';
import { SETTINGS } from '../../src/settings/definitions';

await callJson(
  awsTarget('dynamodb', readAwsSettings(process.env)),
  JSON_PROTOCOLS.dynamodb,
  'UpdateItem',
  {
    TableName: process.env[SETTINGS.ledgerTable.env],
    Key: { pk: { S: `measure#${process.pid}` } },
    UpdateExpression: 'ADD n :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  },
  AbortSignal.timeout(5000),
);
