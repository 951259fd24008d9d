import { afterAll, beforeAll } from 'vitest';
import { startLocalLedgerTable, type LocalLedgerTable } from '../../local/ledger-table';
import { awsTarget, type AwsTarget } from '../../src/adapters/aws/services';
import { testAws } from './aws-env';

/** A dynalite with the ledger table for the enclosing suite; the getter gives the table and a signed target for it. */
export function useLedgerTable(): () => { table: LocalLedgerTable; aws: AwsTarget } {
  let table: LocalLedgerTable;
  beforeAll(async () => {
    table = await startLocalLedgerTable();
  });
  afterAll(() => table.stop());
  return () => ({ table, aws: awsTarget('dynamodb', testAws({ dynamodb: table.endpoint })) });
}
