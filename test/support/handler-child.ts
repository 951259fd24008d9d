// Runs in a child process, as one Lambda instance would: builds the real handler from its environment (the real
// DynamoDB ledger, the real provider), says "ready" over IPC, then answers each `{id, event}` message with
// `{id, result}` or `{id, error}`. Logs (JSON lines, pino) go to stdout for the parent to read.
import { createHandler } from '../../src/compose';

interface Request {
  readonly id: number;
  readonly event: unknown;
  readonly remainingMs: number;
}

const send = (message: unknown) => process.send?.(message);
const handler = await createHandler(process.env);

process.on('message', (message: Request) => {
  const started = Date.now();
  const context = { awsRequestId: `child-${process.pid}-${message.id}`, getRemainingTimeInMillis: () => message.remainingMs - (Date.now() - started) };
  handler(message.event, context).then(
    (result) => send({ id: message.id, result }),
    (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// Leaves when the parent goes (the IPC channel closes).
process.on('disconnect', () => process.exit(0));
send({ ready: true });
