/**
 * `npm run bench`: cold start, per-event overhead, bundle size and peak memory of the deploy
 * bundle, side by side with an empty handler and a plain hand-written one (bench/), printed as
 * Markdown. BENCH_RUNS (cold processes per handler, default 20) and BENCH_EVENTS (warm events
 * per scenario, default 100,000) make it shorter; docs/benchmarks.md says how to read it.
 */
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Metafile } from 'esbuild';
import { encodeState } from '../src/adapters/cognito/challenge-state-codec';
import { build } from 'esbuild';
import { startBenchServices } from '../bench/local-services';
import { createEvent, defineEvent, round, verifyEvent } from '../test/support/events';
import { bundleHandler, bundleScratchDir, lambdaBundleOptions } from './bundle';

const BENCH = fileURLToPath(new URL('../bench/', import.meta.url));
const RUNS = count('BENCH_RUNS', 20);
const EVENTS = count('BENCH_EVENTS', 100_000);
const TARGETS = { coldRatio: 1.15, warmRatio: 1.5, bundleKiB: 150, peakRssMiB: 60 };

// The fake provider, its SMS thrown away: what is measured is the handler, not a disk.
const ENV = { PATH: process.env.PATH ?? '', OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: '/dev/null' };
/** The configurations the stack deploys: secrets from Secrets Manager, the ledger on DynamoDB, a real provider (all stood in locally). */
const DEPLOYED = ['deployed, easyauth', 'deployed, sns'] as const;

function count(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`${name} is "${value}": it accepts a whole number of at least 1`);
  return Number(value);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
};
const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const kib = (bytes: number): string => `${fixed(bytes / 1024)} KB`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');

/** Runs `node child args…` with stdout (the handler's log) sent to /dev/null; resolves with what it wrote to fd 3. */
function runChild(child: string, args: string[], env: Record<string, string>): Promise<{ report: string; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const proc = spawn(process.execPath, [join(BENCH, child), ...args], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let report = '';
    let errors = '';
    proc.stdio[3]?.on('data', (chunk: Buffer) => (report += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code === 0 && report) resolve({ report, wallMs });
      else reject(new Error(`${child} ${args[0]} exited with ${code}: ${errors.slice(-1500)}`));
    });
  });
}

// ─── bundle ──────────────────────────────────────────────────────────────────────────────

interface Bundles {
  deploy: string;
  withSdk: string;
  rows: string[][];
  deployBytes: number;
}

/** Bytes of the bundle's modules that a configuration evaluates: all static imports, and the dynamic ones it takes. */
function loadedBytes(metafile: Metafile, takes: (path: string) => boolean): number {
  const output = Object.values(metafile.outputs)[0];
  const entry = output?.entryPoint;
  if (!output || !entry) throw new Error('the bundle has no entry point in its metafile');
  const seen = new Set<string>();
  const visit = (path: string, viaDynamic: boolean): void => {
    if (seen.has(path) || (viaDynamic && !takes(path))) return;
    seen.add(path);
    for (const imported of metafile.inputs[path]?.imports ?? []) {
      if (!imported.external) visit(imported.path, imported.kind === 'dynamic-import' && !isSdk(path));
    }
  };
  visit(entry, false);
  return [...seen].reduce((sum, path) => sum + (output.inputs[path]?.bytesInOutput ?? 0), 0);
}

const isSdk = (path: string): boolean => /node_modules\/(@aws-sdk|@smithy|@aws\/)/.test(path);
const CONFIGURATIONS: [string, (path: string) => boolean][] = [
  ['fake', () => false],
  ['easyauth', (path) => path.includes('adapters/easyauth')],
  ['sns', (path) => path.includes('adapters/sns')],
];

async function buildBundles(dir: string): Promise<Bundles> {
  const deploy = join(dir, 'handler.mjs');
  const withSdk = join(dir, 'handler-with-sdk.mjs');
  const [lean, fat] = await Promise.all([bundleHandler(deploy), bundleHandler(withSdk, [])]);
  const size = (result: typeof lean): number => Object.values(result.metafile?.outputs ?? {})[0]?.bytes ?? 0;
  const deployBytes = size(lean);
  const rows = [
    [
      'the deploy bundle (one file, every provider), `@aws-sdk/*` left to the runtime',
      kib(deployBytes),
      `≤ ${TARGETS.bundleKiB} KB`,
      verdict(deployBytes <= TARGETS.bundleKiB * 1024),
    ],
    ['the same with the AWS SDK bundled', kib(size(fat)), '', ''],
    ...CONFIGURATIONS.map(([name, takes]) => [
      `of which \`OTP_PROVIDER=${name}\` loads (SDK left out / bundled)`,
      `${kib(loadedBytes(lean.metafile!, takes))} / ${kib(loadedBytes(fat.metafile!, takes))}`,
      '',
      '',
    ]),
  ];
  return { deploy, withSdk, rows, deployBytes };
}

// ─── cold start ──────────────────────────────────────────────────────────────────────────

interface ColdRun {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  responses: unknown[];
}

interface ColdHandler {
  file: string;
  env: Record<string, string>;
}

/** Define, Create and a Verify (its answer and state filled in by the child) for one phone: a new phone per run, so the ledger's send limits never refuse. */
function coldEvents(run: number) {
  const phone = `+8210${String(10_000 + run).slice(-4)}5678`; // masked alike: +82 ******5678
  return [defineEvent({ phone }), createEvent({ phone }), verifyEvent('', {}, { phone })];
}

async function coldStarts(dir: string, handlers: Record<string, ColdHandler>) {
  const events = join(dir, 'cold-events.json');
  const codeFile = join(dir, 'cold-code.txt');
  const runs: Record<string, ColdRun[]> = Object.fromEntries(Object.keys(handlers).map((name) => [name, []]));
  const names = Object.keys(handlers);
  let phone = 0;
  for (let i = 0; i < RUNS; i++) {
    // Alternating, and in a rotating order, so that a busy moment of the machine hits all alike.
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length] as string;
      const { file, env } = handlers[name] as ColdHandler;
      await writeFile(events, JSON.stringify(coldEvents(phone++)));
      await rm(codeFile, { force: true });
      const { report, wallMs } = await runChild('flow-child.mjs', [file, events, codeFile], env);
      runs[name]?.push({ wallMs, ...(JSON.parse(report) as Omit<ColdRun, 'wallMs'>) });
    }
  }
  return runs;
}

// ─── warm overhead ───────────────────────────────────────────────────────────────────────

/** One event per scenario, each a whole trigger the way Cognito sends it in a sign-in. */
function warmScenarios() {
  const issuedAt = Date.now();
  // TODO(ledger): the handler now needs OTP_LEDGER_TABLE on a dynalite; this state names a code the ledger does not hold.
  const state = encodeState({ codeId: 'bench', issuedAt, attemptsLeft: 3, resendAt: issuedAt, resends: 0, delivery: 'sent' });
  return [
    { name: 'Define, new sign-in', event: defineEvent() },
    { name: 'Create, first round: SMS to the outbox (/dev/null)', event: createEvent() },
    { name: 'Create, retry round: state carried over, no SMS', event: createEvent({ session: [round(false, state)] }) },
    { name: 'Verify, right code', event: verifyEvent('123456', { otpState: state }) },
  ];
}

interface WarmResult {
  name: string;
  medianUs: number;
  p99Us: number;
  response: unknown;
}

async function warmOverhead(dir: string, handlers: Record<string, string>) {
  const scenarios = join(dir, 'warm-scenarios.json');
  // Every Create of the first round sends, as a new sign-in would, instead of reusing a recent code.
  const env = { ...ENV, OTP_RESEND_INTERVAL_SECONDS: '0', OTP_CODE_TTL_SECONDS: '600' };
  const results: Record<string, WarmResult[]> = {};
  // Twice each, in A B B A order, keeping each handler's better run: a busy spell of a shared
  // machine then slows one run of each, not all the runs of one.
  const names = Object.keys(handlers);
  for (const name of [...names, ...[...names].reverse()]) {
    await writeFile(scenarios, JSON.stringify(warmScenarios())); // a fresh issue time: Verify must find the code unexpired
    const { report } = await runChild('warm-child.mjs', [handlers[name] as string, scenarios, String(EVENTS)], env);
    const run = JSON.parse(report) as WarmResult[];
    const best = results[name];
    results[name] = best ? best.map((result, i) => (result.medianUs <= (run[i]?.medianUs ?? Infinity) ? result : (run[i] as WarmResult))) : run;
  }
  return results;
}

// ─── the table ───────────────────────────────────────────────────────────────────────────

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** What a client sees of a response: the challenge state differs by issue time and code, the rest must not. */
const visible = (response: unknown): unknown => (response as { publicChallengeParameters?: unknown }).publicChallengeParameters ?? response;

/** The baseline is only a baseline if it answers as the product does. */
function checkSameAnswers(product: unknown, plain: unknown, what: string): void {
  if (!isDeepStrictEqual(visible(product), visible(plain))) {
    throw new Error(`the plain handler answers ${what} unlike the product: ${JSON.stringify(plain)} vs ${JSON.stringify(product)}`);
  }
}

async function main(): Promise<void> {
  const dir = await bundleScratchDir('bench-');
  try {
    const bundles = await buildBundles(dir);
    const services = await startBenchServices(join(dir, 'cold-code.txt'));
    let cold: Record<string, ColdRun[]>;
    try {
      // Baselines bundled as the product is: the card's stack (the floor), and libphonenumber-js alone (issue 13).
      const baseline = async (name: string): Promise<string> => {
        const file = join(dir, `${name}.mjs`);
        await build(lambdaBundleOptions(join(BENCH, `${name}.ts`), file));
        return file;
      };
      const [floor, phoneMin, phoneMax] = await Promise.all(['floor-handler', 'libphonenumber-min', 'libphonenumber-max'].map(baseline));
      cold = await coldStarts(dir, {
        empty: { file: join(BENCH, 'empty-handler.mjs'), env: ENV },
        floor: { file: floor as string, env: ENV },
        plain: { file: join(BENCH, 'plain-handler.mjs'), env: ENV },
        'product, fake': { file: bundles.deploy, env: ENV },
        [DEPLOYED[0]]: { file: bundles.deploy, env: { PATH: ENV.PATH, ...services.env('easyauth') } },
        [DEPLOYED[1]]: { file: bundles.deploy, env: { PATH: ENV.PATH, ...services.env('sns') } },
        'empty + libphonenumber-js/min': { file: phoneMin as string, env: ENV },
        'empty + libphonenumber-js/max': { file: phoneMax as string, env: ENV },
      });
    } finally {
      await services.stop();
    }
    const warm = await warmOverhead(dir, { product: bundles.deploy, plain: join(BENCH, 'plain-handler.mjs') });

    cold['product, fake']?.[0]?.responses.forEach((response, i) => checkSameAnswers(response, cold.plain?.[0]?.responses[i], 'a cold event'));
    for (const name of DEPLOYED) {
      if (!cold[name]?.every((run) => isDeepStrictEqual(run.responses.at(-1), { answerCorrect: true }))) {
        throw new Error(`${name}: a cold Verify did not take the code its Create sent: ${JSON.stringify(cold[name]?.[0]?.responses)}`);
      }
    }
    const warmProduct = warm.product ?? [];
    const warmPlain = warm.plain ?? [];
    warmProduct.forEach((result, i) => checkSameAnswers(result.response, warmPlain[i]?.response, result.name));
    if (!isDeepStrictEqual(warmProduct.at(-1)?.response, { answerCorrect: true })) throw new Error('the warm Verify did not take the right code');

    const wallOf = (name: string): number => median(cold[name]?.map((r) => r.wallMs) ?? []);
    const emptyWall = wallOf('empty');
    const floorWall = wallOf('floor');
    const emptyCpu = median(cold.empty?.map((r) => r.cpuMs) ?? []);
    const peakRss = Math.max(...DEPLOYED.flatMap((name) => cold[name] ?? []).map((r) => r.maxRssKiB / 1024));
    const coldRows = Object.entries(cold).map(([name, runs]) => {
      const wall = median(runs.map((r) => r.wallMs));
      const cpu = median(runs.map((r) => r.cpuMs));
      const rss = Math.max(...runs.map((r) => r.maxRssKiB / 1024));
      return [name, fixed(wall), `${fixed(wall / floorWall, 2)}×`, `${fixed(wall / emptyWall, 2)}×`, fixed(cpu), `${fixed(cpu / emptyCpu, 2)}×`, fixed(rss)];
    });
    const warmRows = warmProduct.map((result, i) => {
      const plain = warmPlain[i] as WarmResult;
      const ratio = result.medianUs / plain.medianUs;
      return [
        result.name,
        fixed(result.medianUs),
        fixed(result.p99Us),
        fixed(plain.medianUs),
        fixed(plain.p99Us),
        `${fixed(ratio, 2)}×`,
        verdict(ratio <= TARGETS.warmRatio),
      ];
    });

    const out = [
      `## Cold start: a fresh \`node\` per run, import + Define + Create + Verify, ${RUNS} runs each, alternating`,
      '',
      table(['handler', 'wall ms (median)', '× floor', '× empty', 'CPU ms (median)', 'CPU × empty', 'peak RSS MiB (largest)'], coldRows),
      '',
      `## Warm overhead: ${EVENTS.toLocaleString('en')} events per scenario per warm process, two processes per handler (A B B A), the better kept`,
      '',
      table(
        ['scenario', 'product µs (median)', 'product µs (p99)', 'plain µs (median)', 'plain µs (p99)', '× plain (median)', `target ≤ ${TARGETS.warmRatio}×`],
        warmRows,
      ),
      '',
      '## Bundle size, minified',
      '',
      table(['bundle', 'size', 'target', ''], bundles.rows),
      '',
      '## Against the targets',
      '',
      table(
        ['measure', 'figure', 'target', ''],
        [
          ...DEPLOYED.map((name) => {
            const ratio = wallOf(name) / floorWall;
            return [`cold start of ${name}, wall, × floor`, `${fixed(ratio, 2)}×`, `≤ ${TARGETS.coldRatio}×`, verdict(ratio <= TARGETS.coldRatio)];
          }),
          [
            'warm overhead, worst scenario, × plain handler',
            `${fixed(Math.max(...warmRows.map((row) => Number.parseFloat(row[5] ?? ''))), 2)}×`,
            `≤ ${TARGETS.warmRatio}×`,
            verdict(warmRows.every((row) => row[6] === 'met')),
          ],
          [
            'deploy bundle without the AWS SDK',
            kib(bundles.deployBytes),
            `≤ ${TARGETS.bundleKiB} KB`,
            verdict(bundles.deployBytes <= TARGETS.bundleKiB * 1024),
          ],
          [
            "peak RSS of a deployed configuration's cold process (largest run)",
            `${fixed(peakRss)} MiB`,
            `≤ ${TARGETS.peakRssMiB} MiB`,
            verdict(peakRss <= TARGETS.peakRssMiB),
          ],
        ],
      ),
      '',
      `node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs`,
    ];
    console.log(out.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
