import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DynamoDbCodeLedger } from '../../../src/adapters/ledger/dynamodb-ledger';
import type { PhoneNumber } from '../../../src/domain/phone';
import { noDeadline } from '../../support/fakes';
import { useLedgerTable } from '../../support/ledger-table';

const CHILD = fileURLToPath(new URL('../../support/ledger-child.ts', import.meta.url));
const T0 = Date.parse('2026-11-24T10:00:00Z');
const PROCESSES = 5;
const PER_PROCESS = 10;

/** Starts PROCESSES instances, releases them together, and gathers every outcome. */
async function runInstances(env: Record<string, string>): Promise<string[]> {
  const children = Array.from({ length: PROCESSES }, () =>
    spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { PATH: process.env.PATH ?? '', ...env, LEDGER_COUNT: String(PER_PROCESS) } }),
  );
  const outputs = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
  await Promise.all(outputs.map((lines) => lines.next()));
  children.forEach((child) => child.stdin.write('go\n'));
  const results = await Promise.all(outputs.map(async (lines) => JSON.parse(String((await lines.next()).value)) as string[]));
  children.forEach((child) => child.kill());
  return results.flat();
}

describe('the DynamoDB ledger across processes sharing one dynalite', () => {
  const table = useLedgerTable();
  const base = () => ({ LEDGER_ENDPOINT: table().table.endpoint, LEDGER_TABLE: table().table.tableName, LEDGER_NOW: String(T0) });

  it(`sends exactly once for ${PROCESSES * PER_PROCESS} concurrent claims from ${PROCESSES} processes`, { timeout: 30_000 }, async () => {
    // Act
    const outcomes = await runInstances({ ...base(), LEDGER_MODE: 'claim', LEDGER_PHONE: '+821055550001' });

    // Assess
    expect(outcomes).toHaveLength(PROCESSES * PER_PROCESS);
    expect(outcomes.filter((kind) => kind === 'send')).toHaveLength(1);
    expect(outcomes.filter((kind) => kind === 'live')).toHaveLength(PROCESSES * PER_PROCESS - 1);
  });

  it('counts no more than maxAttempts of many concurrent wrong answers from several processes', { timeout: 30_000 }, async () => {
    // Prepare
    const phone = '+821055550002' as PhoneNumber;
    const ledger = new DynamoDbCodeLedger({
      tableName: table().table.tableName,
      keySecret: new Uint8Array(32).fill(7),
      limits: { resendIntervalSeconds: 60, maxResendWaitSeconds: 1800, maxSendsPerPhonePerDay: 10, codeTtlSeconds: 300, maxAttempts: 3 },
      aws: table().aws,
    });
    const claim = await ledger.claimSend(phone, { codeId: 'code-1', proof: 'the-proof' }, T0, noDeadline());
    expect(claim.kind).toBe('send');

    // Act
    const outcomes = await runInstances({ ...base(), LEDGER_MODE: 'check', LEDGER_PHONE: phone, LEDGER_CODE_ID: 'code-1' });
    const right = await ledger.checkAnswer(phone, 'code-1', 'the-proof', { poolId: 'pool', userName: 'user' }, T0 + 1, noDeadline());

    // Assess
    expect(outcomes.filter((kind) => kind === 'wrong')).toHaveLength(3);
    expect(outcomes.filter((kind) => kind === 'dead')).toHaveLength(PROCESSES * PER_PROCESS - 3);
    expect(right).toEqual({ kind: 'dead', reason: 'exhausted' });
  });
});
