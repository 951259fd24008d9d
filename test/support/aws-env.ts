import { vi } from 'vitest';
import type { AwsSettings } from '../../src/adapters/aws/services';

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

/** The same keys as our adapters take them. */
export const TEST_AWS_CREDENTIALS = { accessKeyId: TEST_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY };

/** Where and as whom our adapters call AWS in a test: the test region and keys, and the local servers' endpoints. */
export function testAws(endpoints: AwsSettings['endpoints'] = {}, region: string = TEST_AWS_ENV.AWS_REGION): AwsSettings {
  return { region, endpoints, credentials: TEST_AWS_CREDENTIALS };
}
