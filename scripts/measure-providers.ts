/**
 * Cold cost of the deploy bundle per provider: a fresh node process per run imports the bundle and runs
 * Define, Create and Verify (bench/flow-child.mjs) against the tests' local Solapi and Twilio Verify servers
 * and a dynalite ledger, beside the fake provider (no HTTP to a provider). Runs alternate between the
 * providers, in a rotating order; the medians of wall and CPU time are printed as a Markdown table, with the
 * bytes of the bundle. `npm run bench` covers the deployed easyauth and sns; this covers the two ky used to carry.
 *
 *     npx tsx scripts/measure-providers.ts [runs, default 21]
 */
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalLedgerTable } from '../local/ledger-table';
import { BENCH_HMAC_SECRET, benchLedgerEnv } from '../bench/local-services';
import { createEvent, defineEvent, verifyEvent } from '../test/support/events';
import { SolapiServer } from '../test/support/solapi-server';
import { TwilioVerifyServer } from '../test/support/twilio-verify-server';
import { settingsEnv } from '../src/settings/definitions';
import { runChild } from './bench-child';
import { bundleHandler, bundleScratchDir } from './bundle';

const RUNS = Math.max(5, Number(process.argv[2] ?? 21));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const dir = await bundleScratchDir('measure-providers-');
const codeFile = join(dir, 'code.txt');

/** Writes the code a server texted where the cold process reads it for its Verify, before the answer leaves. */
function writeCodeBeforeAnswering(res: ServerResponse, code: () => string | undefined): void {
  const end = res.end.bind(res);
  res.end = ((...args: Parameters<typeof end>) => {
    const sent = code();
    if (sent) writeFileSync(codeFile, sent);
    return end(...args);
  }) as typeof res.end;
}
class CodeWritingSolapi extends SolapiServer {
  protected override handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    writeCodeBeforeAnswering(res, () => (this.sent.length > 0 ? this.lastCode() : undefined));
    return super.handle(req, res);
  }
}
class CodeWritingTwilio extends TwilioVerifyServer {
  protected override handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    writeCodeBeforeAnswering(res, () => this.texts.at(-1)?.code);
    return super.handle(req, res);
  }
}

/** One cold run; `verified` when its Verify took the code its Create sent. */
async function coldRun(file: string, events: string, env: Record<string, string>): Promise<{ wallMs: number; cpuMs: number; verified: boolean }> {
  const { report, wallMs } = await runChild('flow-child.mjs', [file, events, codeFile], env);
  const parsed = JSON.parse(report) as { cpuMs: number; responses: unknown[] };
  return { wallMs, cpuMs: parsed.cpuMs, verified: JSON.stringify(parsed.responses.at(-1)) === '{"answerCorrect":true}' };
}

const solapi = await new CodeWritingSolapi().start();
const twilio = await new CodeWritingTwilio().start();
const ledgers = {
  fake: await startLocalLedgerTable('measure-fake'),
  solapi: await startLocalLedgerTable('measure-solapi'),
  twilio: await startLocalLedgerTable('measure-twilio'),
};
try {
  const bundle = join(dir, 'handler.mjs');
  await bundleHandler(bundle);
  const base = { PATH: process.env.PATH ?? '', ...settingsEnv({ hmacSecret: BENCH_HMAC_SECRET, logLevel: 'silent' }) };
  const envs: Record<string, Record<string, string>> = {
    fake: { ...base, ...benchLedgerEnv(ledgers.fake), ...settingsEnv({ provider: 'fake', fakeOutbox: codeFile }) },
    solapi: {
      ...base,
      ...benchLedgerEnv(ledgers.solapi),
      ...settingsEnv({
        provider: 'solapi',
        solapiApiKey: solapi.apiKey,
        solapiApiSecret: solapi.apiSecret,
        solapiSender: solapi.sender,
        solapiBaseUrl: solapi.origin,
        appName: 'Bench',
      }),
    },
    twilio: {
      ...base,
      ...benchLedgerEnv(ledgers.twilio),
      ...settingsEnv({
        provider: 'twilio',
        twilioServiceSid: twilio.serviceSid,
        twilioAccountSid: twilio.accountSid,
        twilioAuthToken: twilio.authToken,
        twilioVerifyBaseUrl: twilio.baseUrl,
      }),
    },
  };
  const names = Object.keys(envs);
  const runs: Record<string, { wallMs: number; cpuMs: number }[]> = Object.fromEntries(names.map((name) => [name, []]));
  const events = join(dir, 'events.json');
  for (let i = 0; i <= RUNS; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const phone = `+8210${String(1000 + i).slice(-4)}${String(1000 + j).slice(-4)}`;
      await writeFile(events, JSON.stringify([defineEvent({ phone }), createEvent({ phone }), verifyEvent('', {}, { phone })]));
      await rm(codeFile, { force: true });
      const run = await coldRun(bundle, events, envs[name]!);
      if (!run.verified) throw new Error(`${name}: the cold Verify did not take the code its Create sent`);
      if (i > 0) runs[name]!.push(run); // the first round warms the disk cache
    }
  }
  console.log(
    `Cold Define + Create + Verify of the deploy bundle (${((await stat(bundle)).size / 1024).toFixed(1)} KiB), node ${process.version}, ${RUNS} runs alternating:\n`,
  );
  console.log('| provider | wall ms (median) | CPU ms (median) |');
  console.log('| --- | ---: | ---: |');
  for (const name of names) {
    const taken = runs[name]!;
    console.log(`| ${name} | ${median(taken.map((r) => r.wallMs)).toFixed(1)} | ${median(taken.map((r) => r.cpuMs)).toFixed(1)} |`);
  }
} finally {
  await Promise.all([solapi.stop(), twilio.stop(), ...Object.values(ledgers).map((ledger) => ledger.stop())]);
  await rm(dir, { recursive: true, force: true });
}
