// Runs in a child process: imports the bundled handler named by argv[2] and answers
// one JSON line per event, as a Lambda runtime would invoke it.
import { createInterface } from 'node:readline';

const { handler } = await import(process.argv[2]);
for await (const line of createInterface({ input: process.stdin })) {
  const { event, remainingMs } = JSON.parse(line);
  const context = { awsRequestId: 'bundle-smoke', getRemainingTimeInMillis: () => remainingMs };
  try {
    process.stdout.write(`${JSON.stringify({ event: await handler(event, context) })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
  }
}
