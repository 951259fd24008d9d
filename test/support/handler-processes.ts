import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TriggerHandler } from '../../src/router';

const CHILD = fileURLToPath(new URL('./handler-child.ts', import.meta.url));
const START_TIMEOUT_MS = 20_000;

interface Reply {
  readonly id?: number;
  readonly ready?: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

/** One log line of a child's handler (pino JSON). */
export interface ChildLogLine {
  readonly msg: string;
  readonly trigger?: string;
  readonly outcome?: string;
  readonly [field: string]: unknown;
}

/**
 * One Lambda instance in its own node process (test/support/handler-child.ts): the real handler built from `env`,
 * invoked over IPC. `handler` is shaped like the router's, so the tests' SignIn drives it unchanged.
 */
export class HandlerProcess {
  readonly logs: ChildLogLine[] = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private constructor(private readonly child: ChildProcess) {
    let partial = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) this.logs.push(JSON.parse(line) as ChildLogLine);
    });
    child.on('message', (reply: Reply) => {
      if (reply.id === undefined) return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result);
    });
    child.on('exit', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('the handler process exited'));
      this.pending.clear();
    });
  }

  /** Starts a process and waits until its handler is built (a bad environment fails here, with the child's words). */
  static start(env: Record<string, string>): Promise<HandlerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`handler process not ready in ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
      child.once('exit', (code) => reject(new Error(`handler process exited (${code}): ${stderr}`)));
      child.once('message', () => {
        clearTimeout(timer);
        resolve(new HandlerProcess(child));
      });
    });
  }

  /** Starts `count` processes on one environment, in parallel. */
  static startMany(count: number, env: Record<string, string>): Promise<HandlerProcess[]> {
    return Promise.all(Array.from({ length: count }, () => HandlerProcess.start(env)));
  }

  /** The child's handler, invoked with Lambda's 5 s budget (or `remainingMs`). */
  readonly handler: TriggerHandler = (event, context) => this.request({ event, remainingMs: context.getRemainingTimeInMillis() });

  /** Moves the child's clock forward (it must run with TEST_SHIFTABLE_CLOCK=1). */
  shiftClock(ms: number): Promise<unknown> {
    return this.request({ shiftMs: ms });
  }

  /** One message to the child, answered by its id. */
  private request(message: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, ...message });
    });
  }

  /** Moves every process's clock forward together, as time passes for every instance. */
  static shiftClocks(processes: readonly HandlerProcess[], ms: number): Promise<unknown[]> {
    return Promise.all(processes.map((p) => p.shiftClock(ms)));
  }

  /** Outcomes the child logged for one trigger, e.g. Verify's `wrong`, `dead:exhausted`. */
  outcomes(trigger: string): string[] {
    return this.logs.filter((line) => line.trigger === trigger && typeof line.outcome === 'string').map((line) => line.outcome as string);
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
    this.child.kill();
  }
}

export const VERIFY = 'VerifyAuthChallengeResponse_Authentication';
export const CREATE = 'CreateAuthChallenge_Authentication';
