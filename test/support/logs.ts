import { Writable } from 'node:stream';

/** Log text without pino's epoch-millisecond times, in which any 6 digits may appear by chance. */
export function withoutTimes(logs: string): string {
  return logs.replace(/"time":\d+/g, '"time":0');
}

/** A pino destination that keeps every line in memory. */
export class CapturedLogs extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(chunk.toString());
    done();
  }
  get text(): string {
    return withoutTimes(this.lines.join(''));
  }
}
