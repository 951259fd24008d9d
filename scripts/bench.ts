/**
 * `npm run bench`: cold start, per-event cost, bundle size and peak memory of the deploy bundle, side by
 * side with an empty handler, a plain hand-written one and the floors (bench/): the card's stack calling nothing,
 * and the same doing a deployed configuration's least I/O, which the deployed rows are held to. Every product run
 * has a real ledger table (a fresh dynalite) and its DynamoDB calls are counted and timed. BENCH_RUNS (cold
 * processes per handler, default 20), BENCH_EVENTS (warm events per scenario without a DynamoDB call, default
 * 20,000) and BENCH_LEDGER_EVENTS (warm events per scenario with one, default 1,000, at most 9,000) make it
 * shorter; docs/benchmarks.md says how to read it.
 */
import { rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Metafile } from 'esbuild';
import { build } from 'esbuild';
import { startLocalLedgerTable } from '../local/ledger-table';
import { BENCH_HMAC_SECRET, benchLedgerEnv, startBenchServices } from '../bench/local-services';
import { settingsEnv } from '../src/settings/definitions';
import { createEvent, defineEvent, verifyEvent } from '../test/support/events';
import { bundleHandler, bundleScratchDir, lambdaBundleOptions } from './bundle';
import { runChild } from './bench-child';

const BENCH = fileURLToPath(new URL('../bench/', import.meta.url));
const RUNS = count('BENCH_RUNS', 20);
const EVENTS = count('BENCH_EVENTS', 20_000);
const LEDGER_EVENTS = Math.min(count('BENCH_LEDGER_EVENTS', 1_000), 9_000); // a phone per event: 10,000 numbers, warm-up included
const TARGETS = { coldRatio: 1.15, warmRatio: 1.5, bundleKiB: 150, peakRssMiB: 60 };

const PATH = process.env.PATH ?? '';
/** The configurations the stack deploys: secrets from Secrets Manager, the ledger on DynamoDB, a real provider (all stood in locally). */
const DEPLOYED = ['deployed, easyauth', 'deployed, sns'] as const;
/**
 * The floor each row is held to: a deployed configuration to the floor doing its least I/O (bench/floor-handler.ts,
 * against the same local services), every other row to the floor that calls nothing (bench/floor-no-io-handler.ts).
 */
const FLOOR_OF: Record<string, string> = { 'deployed, easyauth': 'floor, easyauth', 'deployed, sns': 'floor, sns' };
const NO_IO_FLOOR = 'floor, no I/O';
const floorOf = (name: string): string => FLOOR_OF[name] ?? (name.startsWith('floor, ') ? name : NO_IO_FLOOR);

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
  ['easyauth', (path) => path.includes('adapters/providers/easyauth')],
  ['sns', (path) => path.includes('adapters/providers/sns')],
  ['solapi', (path) => path.includes('adapters/providers/solapi')],
  ['twilio', (path) => path.includes('adapters/providers/twilio')],
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
  /**
   * The DynamoDB calls of the run (bench/ledger-probe.mjs): how many, their time, the first one's; and the time
   * with any HTTP call in flight (secrets, ledger, provider; parallel calls counted once).
   */
  ledger: { calls: number; ms: number; firstMs: number; inFlightMs: number };
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
      await writeFile(events, JSON.stringify(coldEvents(phone++ % 10_000)));
      await rm(codeFile, { force: true });
      const { report, wallMs } = await runChild('flow-child.mjs', [file, events, codeFile], env);
      runs[name]?.push({ wallMs, ...(JSON.parse(report) as Omit<ColdRun, 'wallMs'>) });
    }
  }
  return runs;
}

// ─── warm overhead ───────────────────────────────────────────────────────────────────────

interface WarmScenario {
  name: string;
  kind: 'define' | 'create-new-phone' | 'create-live' | 'create-carry-over' | 'verify-wrong' | 'verify-right';
  /** DynamoDB calls per event on dynalite, and on DynamoDB (which returns the old item with a refused condition). */
  calls: string;
}

/** Each a whole trigger the way Cognito sends it in a sign-in, each event doing real work (bench/warm-child.mjs). */
const WARM_SCENARIOS: WarmScenario[] = [
  { name: 'Define, new sign-in', kind: 'define', calls: '0' },
  { name: 'Create, new sign-in, new phone: claim, budget, SMS to the outbox', kind: 'create-new-phone', calls: '3 (in flight together: 1 round trip)' },
  { name: 'Create, new sign-in within the wait: live code goes on, no SMS, the charge given back', kind: 'create-live', calls: '6 (5 on DynamoDB)' },
  { name: 'Create, round after a wrong answer: state carried over', kind: 'create-carry-over', calls: '1' },
  { name: 'Verify, wrong code (counted; the marker write refused)', kind: 'verify-wrong', calls: '2 (1 round trip)' },
  { name: 'Verify, right code (a fresh code per event)', kind: 'verify-right', calls: '2 (1 round trip)' },
];
const usesLedger = (scenario: WarmScenario): boolean => scenario.calls !== '0';

interface WarmResult {
  name: string;
  medianUs: number;
  p99Us: number;
  callsPerEvent: number;
  ledgerMedianUs: number;
  ledgerShare: number;
  response: unknown;
}

const TEMPLATES = { define: defineEvent(), create: createEvent(), verify: verifyEvent('', {}) };

// What the warm product needs beyond its ledger: a code valid for the whole run, and pool-wide budgets that a
// thousand new phones do not exhaust (the per-phone rules stay at their defaults).
const WARM_ENV = {
  PATH,
  ...settingsEnv({
    provider: 'fake',
    hmacSecret: BENCH_HMAC_SECRET,
    codeTtlSeconds: '600',
    maxSendsPerRangePerHour: '10000',
    smsBudgetPerHour: '1000000',
    smsBudgetPerDay: '10000000',
  }),
};

async function warmRun(dir: string, file: string, scenario: WarmScenario, withLedger: boolean): Promise<WarmResult> {
  const scenarioFile = join(dir, 'warm-scenario.json');
  const outbox = join(dir, 'warm-outbox.jsonl');
  await writeFile(scenarioFile, JSON.stringify({ name: scenario.name, kind: scenario.kind, templates: TEMPLATES }));
  await rm(outbox, { force: true });
  const events = String(usesLedger(scenario) ? LEDGER_EVENTS : EVENTS);
  // A fresh table per run: no run finds another's codes, counters or waits.
  const ledger = withLedger ? await startLocalLedgerTable('bench-warm') : undefined;
  try {
    const env = { ...WARM_ENV, ...settingsEnv({ fakeOutbox: outbox }), ...(ledger && benchLedgerEnv(ledger)) };
    const { report } = await runChild('warm-child.mjs', [file, scenarioFile, events, outbox], env);
    return JSON.parse(report) as WarmResult;
  } finally {
    await ledger?.stop();
  }
}

async function warmOverhead(dir: string, product: string, plain: string) {
  const results: Record<'product' | 'plain', WarmResult[]> = { product: [], plain: [] };
  for (const scenario of WARM_SCENARIOS) {
    // Twice each, in A B B A order, keeping each handler's better run: a busy spell of a shared
    // machine then slows one run of each, not all the runs of one.
    const runs: Record<'product' | 'plain', WarmResult[]> = { product: [], plain: [] };
    for (const name of ['product', 'plain', 'plain', 'product'] as const) {
      runs[name].push(await warmRun(dir, name === 'product' ? product : plain, scenario, name === 'product'));
    }
    for (const name of ['product', 'plain'] as const) {
      results[name].push(runs[name].reduce((best, run) => (run.medianUs < best.medianUs ? run : best)));
    }
  }
  return results;
}

// ─── the table ───────────────────────────────────────────────────────────────────────────

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * What a client sees of a response: the challenge state differs by issue time and code, the rest must not, but for
 * the seconds left to wait and left to answer, which differ by when each ran (and the plain handler's wait never doubles).
 */
function visible(response: unknown): unknown {
  const shown = (response as { publicChallengeParameters?: Record<string, string> }).publicChallengeParameters;
  if (!shown) return response;
  return Object.fromEntries(Object.entries(shown).filter(([name]) => name !== 'resendInSeconds' && name !== 'expiresInSeconds'));
}

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
    const codeFile = join(dir, 'cold-code.txt');
    const services = await startBenchServices(codeFile);
    let cold: Record<string, ColdRun[]>;
    try {
      // Baselines bundled as the product is: the card's stack (the floor), and libphonenumber-js alone (issue 13).
      const baseline = async (name: string): Promise<string> => {
        const file = join(dir, `${name}.mjs`);
        await build(lambdaBundleOptions(join(BENCH, `${name}.ts`), file));
        return file;
      };
      const [floor, floorNoIo, phoneMin, phoneMax] = await Promise.all(
        ['floor-handler', 'floor-no-io-handler', 'libphonenumber-min', 'libphonenumber-max'].map(baseline),
      );
      // The baselines need no ledger; the plain one writes its SMS where the cold process reads the code back.
      const env = { PATH, ...settingsEnv({ provider: 'fake', fakeOutbox: codeFile }) };
      cold = await coldStarts(dir, {
        empty: { file: join(BENCH, 'empty-handler.mjs'), env },
        [NO_IO_FLOOR]: { file: floorNoIo as string, env },
        // The floors with I/O talk to the same stand-ins as the deployed configurations (their own keys in the same table).
        'floor, easyauth': { file: floor as string, env: { PATH, ...services.env('easyauth') } },
        'floor, sns': { file: floor as string, env: { PATH, ...services.env('sns') } },
        plain: { file: join(BENCH, 'plain-handler.mjs'), env },
        'product, fake': { file: bundles.deploy, env: { PATH, ...services.env('fake') } },
        [DEPLOYED[0]]: { file: bundles.deploy, env: { PATH, ...services.env('easyauth') } },
        [DEPLOYED[1]]: { file: bundles.deploy, env: { PATH, ...services.env('sns') } },
        'empty + libphonenumber-js/min': { file: phoneMin as string, env },
        'empty + libphonenumber-js/max': { file: phoneMax as string, env },
      });
    } finally {
      await services.stop();
    }
    const warm = await warmOverhead(dir, bundles.deploy, join(BENCH, 'plain-handler.mjs'));

    cold['product, fake']?.[0]?.responses.forEach((response, i) => checkSameAnswers(response, cold.plain?.[0]?.responses[i], 'a cold event'));
    for (const name of ['product, fake', 'plain', ...DEPLOYED, ...Object.values(FLOOR_OF)]) {
      if (!cold[name]?.every((run) => isDeepStrictEqual(run.responses.at(-1), { answerCorrect: true }))) {
        throw new Error(`${name}: a cold Verify did not take the code its Create sent: ${JSON.stringify(cold[name]?.[0]?.responses)}`);
      }
    }
    // The floors with I/O make exactly their one UpdateItem per Create and per Verify.
    for (const name of Object.values(FLOOR_OF)) {
      const calls = cold[name]?.map((run) => run.ledger.calls) ?? [];
      if (!calls.every((n) => n === 2)) throw new Error(`${name}: a cold run made ${calls.join(', ')} DynamoDB calls, not 2`);
    }
    // The ledger is on the product's cold path: Create claims (and charges the budget), Verify checks the answer.
    for (const name of ['product, fake', ...DEPLOYED]) {
      const calls = cold[name]?.map((run) => run.ledger.calls) ?? [];
      if (!calls.every((n) => n >= 2)) throw new Error(`${name}: a cold run made ${Math.min(...calls)} DynamoDB calls; Create and Verify must call the ledger`);
    }
    WARM_SCENARIOS.forEach((scenario, i) => {
      const [product, plain] = [warm.product[i] as WarmResult, warm.plain[i] as WarmResult];
      checkSameAnswers(product.response, plain.response, scenario.name);
      const expected = Number.parseInt(scenario.calls, 10);
      if (product.callsPerEvent !== expected) throw new Error(`${scenario.name}: ${product.callsPerEvent} DynamoDB calls per event, not ${expected}`);
    });
    const lastVerify = warm.product.at(-1)?.response;
    if (!isDeepStrictEqual(lastVerify, { answerCorrect: true })) throw new Error(`the warm Verify did not take the right code: ${JSON.stringify(lastVerify)}`);

    const wallOf = (name: string): number => median(cold[name]?.map((r) => r.wallMs) ?? []);
    const emptyWall = wallOf('empty');
    const emptyCpu = median(cold.empty?.map((r) => r.cpuMs) ?? []);
    const peakRss = Math.max(...DEPLOYED.flatMap((name) => cold[name] ?? []).map((r) => r.maxRssKiB / 1024));
    const coldRows = Object.entries(cold).map(([name, runs]) => {
      const wall = median(runs.map((r) => r.wallMs));
      const cpu = median(runs.map((r) => r.cpuMs));
      const rss = Math.max(...runs.map((r) => r.maxRssKiB / 1024));
      const calls = median(runs.map((r) => r.ledger.calls));
      const ledger =
        calls > 0 ? [String(calls), fixed(median(runs.map((r) => r.ledger.ms))), fixed(median(runs.map((r) => r.ledger.firstMs)))] : ['0', '–', '–'];
      // The run's own work: its wall time less the time it waited with a call in flight.
      const ownWall = median(runs.map((r) => r.wallMs - r.ledger.inFlightMs));
      const floorWall = wallOf(floorOf(name));
      return [
        name,
        fixed(wall),
        `${fixed(wall / floorWall, 2)}×`,
        `${fixed(wall / emptyWall, 2)}×`,
        fixed(cpu),
        `${fixed(cpu / emptyCpu, 2)}×`,
        fixed(rss),
        ...ledger,
        `${fixed(ownWall)} (${fixed(ownWall / median(cold[floorOf(name)]?.map((r) => r.wallMs - r.ledger.inFlightMs) ?? []), 2)}×)`,
      ];
    });
    const warmRows = WARM_SCENARIOS.map((scenario, i) => {
      const [result, plain] = [warm.product[i] as WarmResult, warm.plain[i] as WarmResult];
      const ratio = result.medianUs / plain.medianUs;
      const ledger = usesLedger(scenario);
      return [
        scenario.name,
        scenario.calls,
        fixed(result.medianUs),
        fixed(result.p99Us),
        ledger ? fixed(result.ledgerMedianUs) : '–',
        ledger ? `${fixed(result.ledgerShare * 100, 0)} %` : '–',
        fixed(plain.medianUs),
        `${fixed(ratio, 2)}×`,
        // The plain handler has no ledger: only the events without a DynamoDB call compare fairly.
        ledger ? `${fixed((result.medianUs - result.ledgerMedianUs) / plain.medianUs, 2)}× (n/a)` : verdict(ratio <= TARGETS.warmRatio),
      ];
    });
    const fairWarm = warmRows.filter((_, i) => !usesLedger(WARM_SCENARIOS[i] as WarmScenario));

    const out = [
      `## Cold start: a fresh \`node\` per run, import + Define + Create + Verify, ${RUNS} runs each, alternating`,
      '',
      table(
        [
          'handler',
          'wall ms (median)',
          '× its floor',
          '× empty',
          'CPU ms (median)',
          'CPU × empty',
          'peak RSS MiB (largest)',
          'DynamoDB calls',
          'of which ledger ms (median)',
          'first DynamoDB call ms (median)',
          "wall with no call in flight ms (median, × its floor's own)",
        ],
        coldRows,
      ),
      '',
      `## Warm overhead: ${EVENTS.toLocaleString('en')} events per scenario without a DynamoDB call, ${LEDGER_EVENTS.toLocaleString('en')} with; one warm process per run, a fresh dynalite table per product run, two runs per handler (A B B A), the better kept`,
      '',
      table(
        [
          'scenario',
          'DynamoDB calls per event',
          'product µs (median)',
          'product µs (p99)',
          'of which ledger µs (median)',
          'ledger share of the time',
          'plain µs (median)',
          '× plain (median)',
          `target ≤ ${TARGETS.warmRatio}× (without the ledger, × plain)`,
        ],
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
            const ratio = wallOf(name) / wallOf(floorOf(name));
            return [`cold start of ${name}, wall, × ${floorOf(name)}`, `${fixed(ratio, 2)}×`, `≤ ${TARGETS.coldRatio}×`, verdict(ratio <= TARGETS.coldRatio)];
          }),
          [
            'warm overhead, worst scenario without a DynamoDB call, × plain handler',
            `${fixed(Math.max(...fairWarm.map((row) => Number.parseFloat(row[7] ?? ''))), 2)}×`,
            `≤ ${TARGETS.warmRatio}×`,
            verdict(fairWarm.every((row) => row[8] === 'met')),
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
      `node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}); DynamoDB is dynalite, in the bench's own process, over plain HTTP on loopback`,
    ];
    console.log(out.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
