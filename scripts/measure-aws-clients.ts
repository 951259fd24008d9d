/**
 * Cold cost of one DynamoDB UpdateItem against dynalite, per client, each run a fresh node process:
 * the SDK v3 client left external (as the Lambda runtime provides it), the SDK bundled in, and this
 * project's light client (SigV4 by aws4 over `exchange`, node:http); beside them an empty bundle, the floor.
 * Runs alternate between the candidates; the medians are printed as a Markdown table.
 *
 *     npx tsx scripts/measure-aws-clients.ts [runs, default 21]
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startLocalLedgerTable } from '../local/ledger-table';
import { bundleScratchDir, lambdaBundleOptions } from './bundle';

const RUNS = Math.max(15, Number(process.argv[2] ?? 21));
const CANDIDATES = [
  { name: 'empty bundle (floor)', entry: 'scripts/measure/empty.ts', external: ['@aws-sdk/*'] },
  { name: '@aws-sdk/client-dynamodb, external (runtime-provided)', entry: 'scripts/measure/dynamodb-sdk.ts', external: ['@aws-sdk/*'] },
  { name: '@aws-sdk/client-dynamodb, bundled', entry: 'scripts/measure/dynamodb-sdk.ts', external: [] },
  { name: 'light client (aws4 SigV4 + exchange over node:http)', entry: 'scripts/measure/dynamodb-light.ts', external: ['@aws-sdk/*'] },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Runs one bundle in a fresh node; asynchronously, since dynalite answers from this process's event loop. */
function runBundle(file: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

const dir = await bundleScratchDir('measure-aws-');
const table = await startLocalLedgerTable();
try {
  const bundles = await Promise.all(
    CANDIDATES.map(async (candidate, index) => {
      const outfile = join(dir, `candidate-${index}.mjs`);
      const result = await build(lambdaBundleOptions(candidate.entry, outfile, candidate.external));
      return { ...candidate, outfile, bytes: Object.values(result.metafile?.outputs ?? {})[0]?.bytes ?? 0, times: [] as number[] };
    }),
  );
  const env = {
    PATH: process.env.PATH ?? '',
    // The SDK warns about node 20 on stderr; silenced for every candidate alike.
    NODE_NO_WARNINGS: '1',
    AWS_REGION: 'ap-northeast-2',
    AWS_ACCESS_KEY_ID: 'AKIDMEASURE',
    AWS_SECRET_ACCESS_KEY: 'measure',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    OTP_LEDGER_TABLE: table.tableName,
  };
  for (let run = 0; run < RUNS + 1; run++) {
    for (const bundle of run % 2 ? bundles : [...bundles].reverse()) {
      const started = process.hrtime.bigint();
      const status = await runBundle(bundle.outfile, env);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (status !== 0) throw new Error(`${bundle.name} failed with status ${status}`);
      if (run > 0) bundle.times.push(ms); // the first round warms the disk cache
    }
  }
  const floor = median(bundles[0]!.times);
  console.log(`Cold UpdateItem against dynalite, fresh node ${process.version} process per run, ${RUNS} runs alternating, wall time:\n`);
  console.log('| client | bundle | median | over the floor |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const bundle of bundles) {
    const m = median(bundle.times);
    console.log(
      `| ${bundle.name} | ${(bundle.bytes / 1024).toFixed(0)} KiB | ${m.toFixed(1)} ms | ${bundle === bundles[0] ? '—' : `+${(m - floor).toFixed(1)} ms`} |`,
    );
  }
} finally {
  await table.stop();
  await rm(dir, { recursive: true, force: true });
}
