// Runs in a child process, as one Lambda instance would: waits for "go" on stdin, so every process starts
// together, then makes COUNT concurrent calls on the shared table and prints their outcomes as one JSON line.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { awsTarget } from '../../src/adapters/aws/services';
import { DynamoDbCodeLedger } from '../../src/adapters/ledger/dynamodb-ledger';
import type { PhoneNumber } from '../../src/domain/phone';

const { LEDGER_ENDPOINT, LEDGER_TABLE, LEDGER_MODE, LEDGER_PHONE, LEDGER_CODE_ID, LEDGER_COUNT, LEDGER_NOW } = process.env;
const limits = { resendIntervalSeconds: 60, maxResendWaitSeconds: 1800, maxSendsPerPhonePerDay: 10, codeTtlSeconds: 300, maxAttempts: 3 };
const ledger = new DynamoDbCodeLedger({
  tableName: LEDGER_TABLE ?? '',
  keySecret: new Uint8Array(32).fill(7),
  limits,
  aws: awsTarget('dynamodb', {
    region: 'local',
    endpoints: { dynamodb: LEDGER_ENDPOINT },
    credentials: { accessKeyId: 'AKIDCHILD', secretAccessKey: 'child' },
  }),
});
const phone = LEDGER_PHONE as PhoneNumber;
const now = Number(LEDGER_NOW);
const deadline = { signal: () => AbortSignal.timeout(10_000) };

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
process.stdout.write('ready\n');
await lines.next();
const calls = Array.from({ length: Number(LEDGER_COUNT) }, (_, i) =>
  LEDGER_MODE === 'claim'
    ? ledger.claimSend(phone, { codeId: randomUUID(), proof: `proof-${randomUUID()}` }, now, deadline).then((claim) => claim.kind)
    : ledger
        .checkAnswer(phone, LEDGER_CODE_ID ?? '', `wrong-${process.pid}-${i}`, { poolId: 'pool', userName: 'user' }, now, deadline)
        .then((outcome) => outcome.kind),
);
process.stdout.write(`${JSON.stringify(await Promise.all(calls))}\n`);
process.exit(0);
