// Runs in its own node process, as one warm Lambda instance: imports a handler (argv[2]) once, then runs the one
// scenario of the JSON file argv[3] argv[4] times, one event after another, after a warm-up. Every event does real
// work: a Create for a new phone claims a send, a Verify answers a code issued beforehand (untimed) for its own
// phone, so a single-use code is never answered twice. The fake provider writes each SMS to the outbox argv[5],
// where the codes are read back. Reports on fd 3, with each event's DynamoDB calls counted and timed.
import { readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { probe, resetProbe } from './ledger-probe.mjs';

const { name, kind, templates } = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const count = Number(process.argv[4]);
const outbox = process.argv[5];
const { handler } = await import(process.argv[2]);
const context = { awsRequestId: 'bench-warm', getRemainingTimeInMillis: () => 5000 };
const warmUp = Math.min(count, kind === 'define' || kind === 'create-carry-over' ? 2000 : 100);

// A new phone per index (0 to 9,999), all masked alike (+82 ******5678), each in its own range of numbers.
const phoneOf = (i) => `+8210${String(i).padStart(4, '0')}5678`;
/** A template with its phone (and the request's other fields) replaced: a new object per invocation, as the runtime passes. */
function event(template, phone, request = {}) {
  const copy = JSON.parse(JSON.stringify(template));
  if (phone) copy.request.userAttributes.phone_number = phone;
  Object.assign(copy.request, request);
  return copy;
}
const call = async (e) => (await handler(e, context)).response;

/** Issues a code for each of `phones` (untimed), and reads the codes back from the outbox. */
async function issue(phones) {
  const states = new Map();
  for (const phone of phones) states.set(phone, (await call(event(templates.create, phone))).privateChallengeParameters);
  const codes = new Map(
    readFileSync(outbox, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map(({ phone, code }) => [phone, code]),
  );
  return phones.map((phone) => ({ phone, state: states.get(phone), code: codes.get(phone) }));
}
const wrong = (code) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
const roundAfter = (created) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: created.challengeMetadata });

/** The events of indices 0 … n-1 (warm-up first, on phones of their own), made before any is timed. */
async function eventsFor(n) {
  const indices = Array.from({ length: n }, (_, i) => i);
  switch (kind) {
    case 'define':
      return indices.map(() => event(templates.define));
    case 'create-new-phone':
      return indices.map((i) => event(templates.create, phoneOf(i)));
    case 'create-live': {
      await call(event(templates.create, phoneOf(0))); // the live code every later sign-in continues with
      return indices.map(() => event(templates.create, phoneOf(0)));
    }
    case 'create-carry-over': {
      // The round after a wrong answer, counted by the ledger (untimed), as in a real sign-in: Create reads what is left.
      const [{ phone, state, code }] = await issue([phoneOf(0)]);
      await call(event(templates.verify, phone, { privateChallengeParameters: state, challengeAnswer: wrong(code) }));
      const round = roundAfter({ challengeMetadata: state.otpState });
      return indices.map(() => event(templates.create, phoneOf(0), { session: [round] }));
    }
    case 'verify-wrong':
    case 'verify-right': {
      const issued = await issue(indices.map(phoneOf));
      return issued.map(({ phone, state, code }) =>
        event(templates.verify, phone, { privateChallengeParameters: state, challengeAnswer: kind === 'verify-right' ? code : wrong(code) }),
      );
    }
    default:
      throw new Error(`unknown scenario kind ${kind}`);
  }
}

const events = await eventsFor(warmUp + count);
for (let i = 0; i < warmUp; i++) await handler(events[count + i], context);
const micros = new Float64Array(count);
const ledgerMicros = new Float64Array(count);
let calls = 0;
let response;
for (let i = 0; i < count; i++) {
  resetProbe();
  const start = performance.now();
  response = (await handler(events[i], context)).response;
  micros[i] = (performance.now() - start) * 1000;
  ledgerMicros[i] = probe.ms * 1000;
  calls += probe.calls;
}
const totalUs = micros.reduce((a, b) => a + b, 0);
const ledgerUs = ledgerMicros.reduce((a, b) => a + b, 0);
micros.sort();
ledgerMicros.sort();
const p99 = Math.min(count - 1, Math.floor(count * 0.99));
writeSync(
  3,
  JSON.stringify({
    name,
    medianUs: micros[count >> 1],
    p99Us: micros[p99],
    callsPerEvent: calls / count,
    ledgerMedianUs: ledgerMicros[count >> 1],
    ledgerShare: totalUs > 0 ? ledgerUs / totalUs : 0,
    response,
  }),
);
process.exit(0);
