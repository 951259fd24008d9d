import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The files whose time is their point or their cost: the package installed from npm in fresh apps, the benchmark end
 * to end, and the timing of unknown against known users. They run as the `slow` project (`npm run test:slow`, which
 * .ci/run runs after `npm test`), so that `npm test` stays within two minutes and free of real-timing assertions.
 */
const SLOW = ['test/package/install.test.ts', 'test/bench.test.ts', 'test/security/unknown-users-timing.test.ts'];

export default defineConfig({
  // As tsconfig.json's paths: the package's own entry, imported by name, is its source here.
  resolve: { alias: { 'cognito-sms-otp/cdk': fileURLToPath(new URL('./infra/cdk.ts', import.meta.url)) } },
  test: {
    testTimeout: 20_000,
    // vitest's default is one worker per core less one: a single worker on 2 cores, every file one after another.
    // Most files wait on child processes, local servers and dynalite rather than on the CPU, so 3 overlap well there.
    maxWorkers: 3,
    // One dynalite for the run; each handler under test makes its own table on it.
    globalSetup: ['test/support/global-ledger.ts'],
    projects: [
      // A worker keeps its modules from file to file (aws-cdk-lib, typescript and the SDK load once, not per file: a
      // quarter of the run's CPU). So a file restores what it stubs, spies on or fakes (env, timers), as all do today.
      { extends: true, test: { name: 'fast', isolate: false, include: ['test/**/*.test.ts'], exclude: ['test/browser/**', ...SLOW] } },
      // One file at a time: the timing medians must not share the machine with the other slow files.
      { extends: true, test: { name: 'slow', include: SLOW, fileParallelism: false } },
    ],
  },
});
