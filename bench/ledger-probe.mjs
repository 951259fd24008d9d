// Counts and times the handler's DynamoDB calls from inside its process, through node:http's diagnostics
// channels (no patching of the handler): a call is timed from the request's start to the end of its answer's
// body, and told apart from other HTTP calls (Secrets Manager, SNS, EasyAuth) by its DynamoDB_20120810 target.
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

const started = new WeakMap();
export const probe = { calls: 0, ms: 0, firstMs: undefined, otherCalls: 0, otherMs: 0, inFlightMs: 0 };
// The time with at least one call in flight (parallel calls counted once): what the run spent waiting on services.
let inFlight = 0;
let inFlightSince = 0;

const isDynamoDb = (request) => String(request.getHeader('x-amz-target') ?? '').startsWith('DynamoDB_');

subscribe('http.client.request.start', ({ request }) => {
  started.set(request, performance.now());
  if (inFlight++ === 0) inFlightSince = performance.now();
});
subscribe('http.client.response.finish', ({ request, response }) => {
  const start = started.get(request);
  if (start === undefined) return;
  response.once('end', () => {
    const ms = performance.now() - start;
    if (--inFlight === 0) probe.inFlightMs += performance.now() - inFlightSince;
    if (!isDynamoDb(request)) {
      probe.otherCalls++;
      probe.otherMs += ms;
      return;
    }
    probe.calls++;
    probe.ms += ms;
    probe.firstMs ??= ms;
  });
});

/** Zeroes the counters (between events of a warm process). */
export function resetProbe() {
  probe.calls = 0;
  probe.ms = 0;
}
