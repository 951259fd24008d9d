// Runs in its own node process: imports a handler (argv[2]) once, then for each scenario in
// the JSON file argv[3] times argv[4] invocations one by one, after a warm-up. Reports on fd 3.
import { readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const scenarios = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const count = Number(process.argv[4]);
const { handler } = await import(process.argv[2]);
const context = { awsRequestId: 'bench-warm', getRemainingTimeInMillis: () => 5000 };

const results = [];
for (const { name, event } of scenarios) {
  // A new top-level object per invocation, as the runtime passes; handlers replace `response` only.
  for (let i = 0; i < Math.min(count, 2000); i++) await handler({ ...event }, context);
  const micros = new Float64Array(count);
  let response;
  for (let i = 0; i < count; i++) {
    const invocation = { ...event };
    const start = performance.now();
    response = (await handler(invocation, context)).response;
    micros[i] = (performance.now() - start) * 1000;
  }
  micros.sort();
  results.push({ name, medianUs: micros[count >> 1], p99Us: micros[Math.min(count - 1, Math.floor(count * 0.99))], response });
}
writeSync(3, JSON.stringify(results));
