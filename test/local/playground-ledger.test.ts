import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPlayground } from '../../local/playground';
import { callJson, JSON_PROTOCOLS } from '../../src/adapters/aws/json-protocol';
import { awsTarget } from '../../src/adapters/aws/services';
import { stubAwsEnv, testAws } from '../support/aws-env';
import { newOutbox } from '../support/outbox';

const describeTable = (endpoint: string, tableName: string) =>
  callJson(
    awsTarget('dynamodb', testAws({ dynamodb: endpoint }, 'local')),
    JSON_PROTOCOLS.dynamodb,
    'DescribeTable',
    { TableName: tableName },
    AbortSignal.timeout(2000),
  ) as Promise<{ Table: { KeySchema: unknown; AttributeDefinitions: unknown; TableStatus: string } }>;

describe('the playground’s own ledger', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('starts an in-memory dynalite on a loopback port with the table infra deploys, and stops it on close', async () => {
    // Prepare
    stubAwsEnv();
    const env = { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: await newOutbox(), LOG_LEVEL: 'silent' };

    // Act
    const playground = await startPlayground({ env });
    const { endpoint = '', tableName } = playground.ledger;
    const described = await describeTable(endpoint, tableName);
    await playground.close();

    // Assess
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(described.Table).toMatchObject({
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      TableStatus: 'ACTIVE',
    });
    await expect(describeTable(endpoint, tableName)).rejects.toThrow();
  });

  it('uses the table it is given (OTP_LEDGER_TABLE) and starts none', async () => {
    // Prepare
    stubAwsEnv();
    const env = {
      OTP_PROVIDER: 'fake',
      FAKE_SMS_OUTBOX: await newOutbox(),
      LOG_LEVEL: 'silent',
      OTP_LEDGER_TABLE: 'shared-ledger',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      OTP_HMAC_SECRET: 'x'.repeat(48),
    };

    // Act
    const playground = await startPlayground({ env });
    await playground.close();

    // Assess
    expect(playground.ledger).toEqual({ tableName: 'shared-ledger', endpoint: undefined });
  });
});
