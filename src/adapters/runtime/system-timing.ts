import type { Timing } from '../../domain/ports';

export const systemTiming: Timing = {
  elapsed: () => performance.now(),
  sleep: (ms, deadline) =>
    new Promise<void>((resolve) => {
      const signal = deadline.signal();
      if (signal.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
};
