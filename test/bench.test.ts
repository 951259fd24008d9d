import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('../scripts/bench.ts', import.meta.url).pathname;

/** The rows of the Markdown table under `heading`, split into trimmed cells. */
function rowsUnder(output: string, heading: string): string[][] {
  const section = output.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`no "## ${heading}" section in:\n${output}`);
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  return lines.slice(2).map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
}

// The benchmark itself stays out of the suite; this runs it end to end on a tiny count, so it does not rot.
describe('npm run bench', () => {
  it('builds the deploy bundle, runs every handler (the deployed configurations against local services) and prints the tables', async () => {
    const env = { ...process.env, BENCH_RUNS: '2', BENCH_EVENTS: '200', BENCH_LEDGER_EVENTS: '20' };

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT], { env });

    const cold = rowsUnder(stdout, 'Cold start');
    expect(cold.map((row) => row[0])).toEqual([
      'empty',
      'floor, no I/O',
      'floor, easyauth',
      'floor, sns',
      'plain',
      'product, fake',
      'deployed, easyauth',
      'deployed, sns',
      'empty + libphonenumber-js/min',
      'empty + libphonenumber-js/max',
    ]);
    expect(cold[0]?.[3]).toBe('1.00×');
    // Each floor is its own measure; the deployed configurations are held to the floor with their I/O.
    expect(cold.slice(1, 4).map((row) => row[2])).toEqual(['1.00×', '1.00×', '1.00×']);
    const wall = (name: string): number => Number.parseFloat(cold.find((row) => row[0] === name)?.[1] ?? '');
    for (const provider of ['easyauth', 'sns']) {
      const row = cold.find((cells) => cells[0] === `deployed, ${provider}`);
      expect(Number.parseFloat(row?.[2] ?? '')).toBeCloseTo(wall(`deployed, ${provider}`) / wall(`floor, ${provider}`), 1);
    }
    for (const row of cold) expect(row.slice(1, 7).every((cell) => Number.parseFloat(cell) > 0)).toBe(true);
    // The product's runs call the ledger (Create claims and charges the budget, Verify checks); the floors with I/O
    // make one UpdateItem per Create and per Verify (the bench fails unless their Verify took the code sent); the
    // other baselines never call it.
    // A right answer to a code made here is 2 writes (the second remembers the phone signed someone in: the range exemption).
    expect(cold.map((row) => Number(row[7]))).toEqual([0, 0, 2, 2, 0, 5, 5, 5, 0, 0]);
    // The wall time with no call in flight: the whole wall time for the baselines that call nothing, less for the others.
    for (const row of cold) expect(row[10]).toMatch(/^\d+\.\d \(\d+\.\d\d×\)$/);
    const own = cold.map((row) => Number.parseFloat(row[10] ?? '') / Number.parseFloat(row[1] ?? ''));
    expect(own.filter((_, i) => [0, 1, 4, 8, 9].includes(i))).toEqual([1, 1, 1, 1, 1]);
    expect(own.filter((_, i) => [2, 3, 5, 6, 7].includes(i)).every((ratio) => ratio < 1)).toBe(true);

    const warm = rowsUnder(stdout, 'Warm overhead');
    expect(warm.map((row) => [row[0], row[1]])).toEqual([
      ['Define, new sign-in', '0'],
      ['Create, new sign-in, new phone: claim, budget, SMS to the outbox', '3 (in flight together: 1 round trip)'],
      ['Create, new sign-in within the wait: live code goes on, no SMS, the charge given back', '6 (5 on DynamoDB)'],
      ['Create, round after a wrong answer: state carried over', '1'],
      ['Verify, wrong code (counted; the marker write refused)', '2 (1 round trip)'],
      ['Verify, right code (a fresh code per event)', '2 (1 round trip)'],
    ]);
    for (const row of warm) expect([row[2], row[3], row[6], row[7]].every((cell) => Number.parseFloat(cell ?? '') > 0)).toBe(true);

    const bundle = rowsUnder(stdout, 'Bundle size');
    // The bundle, the same with the SDK, then what each of the five providers loads.
    expect(bundle).toHaveLength(7);
    expect(bundle.slice(2).map((row) => row[0]?.match(/OTP_PROVIDER=(\w+)/)?.[1])).toEqual(['fake', 'easyauth', 'sns', 'solapi', 'twilio']);
    expect(bundle[0]?.[1]).toMatch(/^\d+\.\d KB$/);

    const targets = rowsUnder(stdout, 'Against the targets');
    expect(targets.map((row) => row[0]).slice(0, 2)).toEqual([
      'cold start of deployed, easyauth, wall, × floor, easyauth',
      'cold start of deployed, sns, wall, × floor, sns',
    ]);
    expect(targets).toHaveLength(5);
    for (const row of targets) expect(row[3]).toMatch(/^(met|\*\*missed\*\*)$/);
  }, 120_000); // about 15 s on a quiet machine; 47 s was seen on the shared one under a load of 17
});
