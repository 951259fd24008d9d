import { vi } from 'vitest';

/** Region and dummy credentials for the real AWS SDK clients pointed at local endpoints. */
export const TEST_AWS_ENV = {
  AWS_REGION: 'ap-northeast-2',
  AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
  AWS_SECRET_ACCESS_KEY: 'local-test-secret',
} as const;

/** The SDK reads credentials from process.env; call `vi.unstubAllEnvs()` to undo. */
export function stubAwsEnv(): void {
  for (const [name, value] of Object.entries(TEST_AWS_ENV)) vi.stubEnv(name, value);
}
