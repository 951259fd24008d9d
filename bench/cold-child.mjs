// Runs in a fresh node process: imports a handler (argv[2]) and hands it the events in the
// JSON file argv[3] one after another, as a new Lambda instance's first invocations. Reports
// on fd 3 when done; stdout, where the handler logs, goes wherever the parent sent it.
import { readFileSync, writeSync } from 'node:fs';

const events = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const { handler } = await import(process.argv[2]);
const context = { awsRequestId: 'bench-cold', getRemainingTimeInMillis: () => 5000 };
const responses = [];
for (const event of events) responses.push((await handler(event, context)).response);
const cpu = process.cpuUsage();
writeSync(3, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, responses }));
