import type { Deadline, Timing } from './ports';

/**
 * How long a provider's calls take, as a running median of the recent ones, so that an unknown user's round can
 * take about as long as a known user's (issue 11.3). Before any call was measured, a plausible default.
 */
export class LatencyModel {
  private readonly samples: number[] = [];

  constructor(
    private readonly timing: Timing,
    private readonly defaultMs: number,
    private readonly window = 25,
  ) {}

  /** Runs `call` and records how long it took when it succeeded. */
  async measure<T>(call: () => Promise<T>): Promise<T> {
    const done = this.start();
    const result = await call();
    done();
    return result;
  }

  /** Starts timing work of several steps; call the function returned when the work succeeded, to record it (never on failure). */
  start(): () => void {
    const started = this.timing.elapsed();
    return () => this.record(this.timing.elapsed() - started);
  }

  /** Records one call's duration, timed elsewhere. */
  record(ms: number): void {
    this.samples.push(ms);
    if (this.samples.length > this.window) this.samples.shift();
  }

  typicalMs(): number {
    if (this.samples.length === 0) return this.defaultMs;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  }

  /** Waits as long as a typical call takes, cut short by the deadline. */
  imitate(deadline: Deadline): Promise<void> {
    return this.timing.sleep(this.typicalMs(), deadline);
  }
}

/** What a provider's send and check take before any was measured (an unknown user's round imitates them): a plausible SMS API round trip. */
export const DEFAULT_SEND_MS = 150;
export const DEFAULT_CHECK_MS = 100;

/** The check latency VerifyAnswer measures and imitates, starting from the default. */
export function checkLatencyModel(timing: Timing): LatencyModel {
  return new LatencyModel(timing, DEFAULT_CHECK_MS);
}
