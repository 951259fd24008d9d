import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_CALL_MS, withDeadline } from '../src/adapters/cognito/inbound/deadline';
import { lambdaContext } from './support/events';

describe('withDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('makes no timer for a call whose adapters ask for no signal', async () => {
    // Prepare
    let timersDuringCall: number | undefined;

    // Act
    await withDeadline(lambdaContext(), async () => {
      timersDuringCall = vi.getTimerCount();
    });

    // Assess
    expect(timersDuringCall).toBe(0);
  });

  it('aborts with a TimeoutError when the Lambda’s time, less a margin, is up', async () => {
    // Prepare
    let signal: AbortSignal | undefined;

    // Act
    const call = withDeadline(lambdaContext(1000), (deadline) => {
      signal = deadline.signal();
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal?.reason)));
    });
    const settled = call.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(699);
    const abortedBeforeTime = signal?.aborted;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(abortedBeforeTime).toBe(false);
    expect(await settled).toMatchObject({ name: 'TimeoutError' });
  });

  it(`never allows more than ${MAX_CALL_MS} ms, however long the Lambda has`, async () => {
    // Prepare
    let signal: AbortSignal | undefined;

    // Act
    await withDeadline(lambdaContext(60_000), async (deadline) => {
      signal = deadline.signal();
      await vi.advanceTimersByTimeAsync(MAX_CALL_MS);
    });

    // Assess
    expect(signal?.aborted).toBe(true);
  });

  it('gives one signal per call and stops its timer when the call ends', async () => {
    // Prepare
    let signals: AbortSignal[] = [];
    let timersDuringCall: number | undefined;

    // Act
    await withDeadline(lambdaContext(), async (deadline) => {
      signals = [deadline.signal(), deadline.signal()];
      timersDuringCall = vi.getTimerCount();
    });

    // Assess
    expect(signals[0]).toBe(signals[1]);
    expect(timersDuringCall).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
