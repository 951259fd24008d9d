// Runs in a fresh node process, as a new Lambda instance: imports a handler (argv[2]) and hands it the
// Define and Create events of the JSON file argv[3], then a Verify answering with the code the stand-in
// services wrote to argv[4] (a wrong one if none was sent) and the state Create left. Reports on fd 3;
// stdout, where the handler logs, goes wherever the parent sent it. Exits right after the report.
import { existsSync, readFileSync, writeSync } from 'node:fs';

const [define, create, verify] = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const { handler } = await import(process.argv[2]);
const context = { awsRequestId: 'bench-cold', getRemainingTimeInMillis: () => 5000 };
const responses = [(await handler(define, context)).response];
const created = (await handler(create, context)).response;
responses.push(created);
verify.request.privateChallengeParameters = created.privateChallengeParameters ?? {};
verify.request.challengeAnswer = existsSync(process.argv[4]) ? readFileSync(process.argv[4], 'utf8') : '000000';
responses.push((await handler(verify, context)).response);
const cpu = process.cpuUsage();
writeSync(3, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS, responses }));
// Lambda answers when the handler's promise settles and then freezes the process; it never waits for the event
// loop to drain (idle keep-alive sockets, fetch's pool). So the run ends at the last answer, not at a natural exit.
process.exit(0);
