import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import type { LambdaContext } from '../../src/router';
import { ledgerEnv } from './ledger-env';

const CHILD = new URL('./bundle-child.mjs', import.meta.url).pathname;

/** The bundled handler in its own node process; `invoke` is a TriggerHandler. */
export class BundledLambda {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: ((line: string) => void)[] = [];
  readonly logs: string[] = [];

  /** The bundle as deployed: its ledger on a fresh table of the run's dynalite, with the HMAC key (`env` may override either). */
  static async withLedger(bundle: string, env: Record<string, string>): Promise<BundledLambda> {
    return new BundledLambda(bundle, { ...(await ledgerEnv()), ...env });
  }

  constructor(bundle: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [CHILD, bundle], { env: { PATH: process.env.PATH ?? '', ...env } });
    this.lines = createInterface({ input: this.child.stdout });
    // stdout carries both the answers and pino's log lines; answers start with {"event" or {"error".
    this.lines.on('line', (line) => {
      if (line.startsWith('{"event"') || line.startsWith('{"error"')) this.waiting.shift()?.(line);
      else this.logs.push(line);
    });
    this.child.stderr.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
  }

  invoke = async (event: unknown, context: LambdaContext): Promise<unknown> => {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bundled handler did not answer; logs: ${this.logs.join('')}`)), 10_000);
      this.waiting.push((answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.child.stdin.write(`${JSON.stringify({ event, remainingMs: context.getRemainingTimeInMillis() })}\n`);
    });
    const answer = JSON.parse(line) as { event?: unknown; error?: string };
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.event;
  };

  async stop(): Promise<number | null> {
    this.child.stdin.end();
    return new Promise((resolve) => this.child.once('exit', resolve));
  }
}
