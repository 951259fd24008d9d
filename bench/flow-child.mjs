// Runs in a fresh node process, as a new Lambda instance: imports a handler (argv[2]) and hands it the
// Define and Create events of the JSON file argv[3], then a Verify answering with the code that was sent
// (read from argv[4]: the stand-in services write the bare code, the fake provider its outbox line) and the
// state Create left; a wrong code if none was sent. Reports on fd 3, with the DynamoDB calls counted and timed
// (bench/ledger-probe.mjs); stdout, where the handler logs, goes wherever the parent sent it.
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { probe } from './ledger-probe.mjs';

/** The code last sent: a bare code, or the last line of a fake outbox ({"phone","code","at"}). */
function sentCode(file) {
  if (!existsSync(file)) return '000000';
  const text = readFileSync(file, 'utf8').trim();
  return text.startsWith('{') ? JSON.parse(text.split('\n').at(-1)).code : text;
}

const [define, create, verify] = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const { handler } = await import(process.argv[2]);
const context = { awsRequestId: 'bench-cold', getRemainingTimeInMillis: () => 5000 };
const responses = [(await handler(define, context)).response];
const created = (await handler(create, context)).response;
responses.push(created);
verify.request.privateChallengeParameters = created.privateChallengeParameters ?? {};
verify.request.challengeAnswer = sentCode(process.argv[4]);
responses.push((await handler(verify, context)).response);
const cpu = process.cpuUsage();
const ledger = {
  calls: probe.calls,
  ms: probe.ms,
  firstMs: probe.firstMs ?? 0,
  otherCalls: probe.otherCalls,
  otherMs: probe.otherMs,
  inFlightMs: probe.inFlightMs,
};
writeSync(3, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, ledger, responses }));
// Lambda answers when the handler's promise settles and then freezes the process; it never waits for the event
// loop to drain (idle keep-alive sockets, fetch's pool). So the run ends at the last answer, not at a natural exit.
process.exit(0);
