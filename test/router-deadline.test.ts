import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_CALL_MS, withDeadline } from '../src/adapters/cognito/deadline';
import { lambdaContext } from './support/events';

describe('withDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('makes no timer for a call whose adapters ask for no signal', async () => {
    await withDeadline(lambdaContext(), async () => {
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  it('aborts with a TimeoutError when the Lambda’s time, less a margin, is up', async () => {
    let signal: AbortSignal | undefined;
    const call = withDeadline(lambdaContext(1000), (deadline) => {
      signal = deadline.signal();
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal?.reason)));
    });
    const settled = call.catch((e: unknown) => e);

    await vi.advanceTimersByTimeAsync(699);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    expect(await settled).toMatchObject({ name: 'TimeoutError' });
  });

  it(`never allows more than ${MAX_CALL_MS} ms, however long the Lambda has`, async () => {
    let signal: AbortSignal | undefined;
    const call = withDeadline(lambdaContext(60_000), async (deadline) => {
      signal = deadline.signal();
      await vi.advanceTimersByTimeAsync(MAX_CALL_MS);
    });

    await call;
    expect(signal?.aborted).toBe(true);
  });

  it('gives one signal per call and stops its timer when the call ends', async () => {
    await withDeadline(lambdaContext(), async (deadline) => {
      expect(deadline.signal()).toBe(deadline.signal());
      expect(vi.getTimerCount()).toBe(1);
    });

    expect(vi.getTimerCount()).toBe(0);
  });
});
