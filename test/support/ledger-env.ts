import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { callJson, JSON_PROTOCOLS } from '../../src/adapters/aws/json-protocol';
import { awsTarget } from '../../src/adapters/aws/services';
import { createTableInput } from '../../src/adapters/ledger/table';
import { TEST_AWS_ENV, testAws } from './aws-env';

/** The key every handler under test uses: 48 bytes, base64. */
export const TEST_HMAC_SECRET = Buffer.alloc(48, 11).toString('base64');

/** The run's dynalite (test/support/global-ledger.ts). */
export const ledgerEndpoint = (): string => inject('ledgerEndpoint');

/** A fresh ledger table on the run's dynalite, so that no two apps share a phone's record. */
export async function freshLedgerTable(): Promise<string> {
  const tableName = `ledger-${randomUUID()}`;
  const target = awsTarget('dynamodb', testAws({ dynamodb: ledgerEndpoint() }, 'local'));
  await callJson(target, JSON_PROTOCOLS.dynamodb, 'CreateTable', createTableInput(tableName), AbortSignal.timeout(5000));
  for (let tries = 0; tries < 50; tries++) {
    const { Table } = (await callJson(target, JSON_PROTOCOLS.dynamodb, 'DescribeTable', { TableName: tableName }, AbortSignal.timeout(5000))) as {
      Table?: { TableStatus?: string };
    };
    if (Table?.TableStatus === 'ACTIVE') return tableName;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`dynalite did not make the table ${tableName} active`);
}

/**
 * What a handler needs to reach its ledger: a fresh table, the endpoint, the HMAC key, and a region and dummy
 * credentials (dynalite checks no signature, but the client signs every call).
 */
export async function ledgerEnv(): Promise<Record<string, string>> {
  return {
    OTP_LEDGER_TABLE: await freshLedgerTable(),
    AWS_ENDPOINT_URL_DYNAMODB: ledgerEndpoint(),
    OTP_HMAC_SECRET: TEST_HMAC_SECRET,
    ...TEST_AWS_ENV,
  };
}
