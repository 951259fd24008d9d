import type { TestProject } from 'vitest/node';
import { startLocalLedgerTable } from '../../local/ledger-table';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one dynalite of the test run; each app makes its own table on it (test/support/ledger-env.ts). */
    ledgerEndpoint: string;
  }
}

/** vitest globalSetup: ONE in-memory dynalite for the whole run, its endpoint handed to every test file. */
export default async function setup(project: TestProject) {
  const dynalite = await startLocalLedgerTable('otp-ledger-shared');
  project.provide('ledgerEndpoint', dynalite.endpoint);
  return () => dynalite.stop();
}
