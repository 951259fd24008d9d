// Runs in a child process, as one Lambda instance would: builds the real handler from its environment (the real
// DynamoDB ledger, the real provider), says "ready" over IPC, then answers each `{id, event}` message with
// `{id, result}` or `{id, error}`. Logs (JSON lines, pino) go to stdout for the parent to read.
// With TEST_SHIFTABLE_CLOCK=1 the handler is wired as createHandler wires it, but on a clock the parent moves
// forward (`{shiftMs}`), so that hours of waits pass without waiting; nothing else differs.
import { readConfig } from '../../src/adapters/runtime/config';
import { withSecrets } from '../../src/adapters/runtime/secrets';
import { createHandler } from '../../src/compose';
import { buildContainer, resolveServices } from '../../src/container';
import { DI_KEYS } from '../../src/di-keys';
import { createRouter } from '../../src/router';

interface Request {
  readonly id: number;
  readonly event?: unknown;
  readonly remainingMs?: number;
  /** Moves this process's clock forward by this much (TEST_SHIFTABLE_CLOCK only). */
  readonly shiftMs?: number;
}

let shiftMs = 0;

async function shiftableHandler() {
  const container = buildContainer(readConfig(await withSecrets(process.env)));
  container.rebind(DI_KEYS.Clock).toConstantValue({ now: () => Date.now() + shiftMs });
  return createRouter(await resolveServices(container));
}

const send = (message: unknown) => process.send?.(message);
const handler = process.env.TEST_SHIFTABLE_CLOCK === '1' ? await shiftableHandler() : await createHandler(process.env);

process.on('message', (message: Request) => {
  if (message.shiftMs !== undefined) {
    shiftMs += message.shiftMs;
    send({ id: message.id, result: shiftMs });
    return;
  }
  const started = Date.now();
  const context = { awsRequestId: `child-${process.pid}-${message.id}`, getRemainingTimeInMillis: () => (message.remainingMs ?? 0) - (Date.now() - started) };
  handler(message.event, context).then(
    (result) => send({ id: message.id, result }),
    (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// Leaves when the parent goes (the IPC channel closes).
process.on('disconnect', () => process.exit(0));
send({ ready: true });
