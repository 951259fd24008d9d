import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { callJson, JSON_PROTOCOLS } from '../src/adapters/aws/json-protocol';
import { awsTarget } from '../src/adapters/aws/services';
import { createTableInput } from '../src/adapters/ledger/table';

export interface LocalLedgerTable {
  /** For AWS_ENDPOINT_URL_DYNAMODB. */
  readonly endpoint: string;
  /** For OTP_LEDGER_TABLE. */
  readonly tableName: string;
  stop(): Promise<void>;
}

/** Dynalite signs nothing and checks no signature, but the client signs every call. */
const ANY_KEYS = { accessKeyId: 'AKIALOCALDYNALITE000', secretAccessKey: 'dynalite-ignores-signatures' };

/**
 * An in-memory DynamoDB (dynalite) on a free loopback port, with the ledger table created from the same
 * definition infra deploys. For the playground (`npm start`) and the tests.
 */
export async function startLocalLedgerTable(tableName = 'otp-ledger'): Promise<LocalLedgerTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = awsTarget('dynamodb', { region: 'local', endpoints: { dynamodb: endpoint }, credentials: ANY_KEYS });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  try {
    await callJson(target, JSON_PROTOCOLS.dynamodb, 'CreateTable', createTableInput(tableName), AbortSignal.timeout(5000));
    for (let tries = 0; tries < 50; tries++) {
      const { Table } = (await callJson(target, JSON_PROTOCOLS.dynamodb, 'DescribeTable', { TableName: tableName }, AbortSignal.timeout(5000))) as {
        Table?: { TableStatus?: string };
      };
      if (Table?.TableStatus === 'ACTIVE') return { endpoint, tableName, stop };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`dynalite did not make the table ${tableName} active`);
  } catch (error) {
    await stop();
    throw error;
  }
}
