import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AWS_SERVICES, awsTarget } from '../../src/adapters/aws/services';
import { DynamoDbCodeLedger } from '../../src/adapters/ledger/dynamodb-ledger';
import { LedgerError } from '../../src/adapters/ledger/ledger-error';
import { CognitoUserDirectory } from '../../src/adapters/cognito-directory';
import type { SmsSettings } from '../../src/adapters/config';
import { withSecrets } from '../../src/adapters/secrets';
import { SnsSmsDelivery } from '../../src/adapters/sns';
import { DirectoryError, ProviderResponseError, ProviderTimeoutError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { TEST_AWS_ENV } from '../support/aws-env';
import { PHONE } from '../support/events';
import { deadlineIn } from '../support/fakes';
import { HostileServer, type Hostility } from '../support/hostile-server';

const settings: SmsSettings = {
  template: '{code} is your {app} code.',
  appName: 'Hello',
  webOtpDomain: undefined,
  senderId: undefined,
  originationNumber: undefined,
};
const user = { poolId: 'ap-northeast-2_TestPool1', userName: 'u-1', region: 'ap-northeast-2' };

/** Each AWS adapter, called once against the hostile endpoint; resolves to what it threw. */
const adapters: Record<string, (origin: string, deadlineMs: number) => Promise<unknown>> = {
  'SNS Publish': (origin, ms) =>
    new SnsSmsDelivery(awsTarget(AWS_SERVICES.sns, { endpoint: origin }), settings)
      .deliver(PHONE as PhoneNumber, '012345', deadlineIn(ms))
      .catch((e: unknown) => e),
  'Cognito AdminUpdateUserAttributes': (origin, ms) => new CognitoUserDirectory(origin).markPhoneVerified(user, deadlineIn(ms)).catch((e: unknown) => e),
  'DynamoDB ledger UpdateItem': (origin, ms) =>
    new DynamoDbCodeLedger({
      tableName: 'otp-ledger',
      keySecret: new Uint8Array(32),
      limits: { resendIntervalSeconds: 60, maxResendWaitSeconds: 1800, maxSendsPerPhonePerDay: 10, codeTtlSeconds: 300, maxAttempts: 3 },
      aws: awsTarget(AWS_SERVICES.dynamodb, { endpoint: origin }),
    })
      .claimSend(PHONE as PhoneNumber, { codeId: 'c1', proof: 'p1' }, Date.now(), deadlineIn(ms))
      .catch((e: unknown) => e),
  'Secrets Manager GetSecretValue': (origin) => {
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', origin);
    return withSecrets({ EASYAUTH_API_KEY_SECRET_ID: 'prod/easyauth' }).catch((e: unknown) => e);
  },
};

describe.each(Object.keys(adapters))('%s against a hostile endpoint', (name) => {
  const server = new HostileServer();
  const call = (behaviour: Hostility, deadlineMs = 5000) => {
    server.behaviour = behaviour;
    return adapters[name]!(server.origin, deadlineMs);
  };

  beforeAll(async () => {
    await server.start();
    for (const [variable, value] of Object.entries(TEST_AWS_ENV)) vi.stubEnv(variable, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.stop();
  });

  it('refuses a redirect and never follows it', async () => {
    // Act
    const error = await call('redirect');

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/redirect/);
    expect(server.followed).toEqual([]);
  });

  it('refuses a huge body', async () => {
    // Act
    const error = await call('huge');

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/too-large/);
  });

  it('cuts a slow body at the deadline', async () => {
    // Prepare: the deadline's own clock, every AbortSignal.timeout made during the call and whether it fired.
    const timeouts = vi.spyOn(AbortSignal, 'timeout');

    // Act (Secrets Manager has its own 3 s bound at cold start; the others take the trigger's deadline)
    const error = await call('slow-body', 300);
    const fired = timeouts.mock.calls.filter((_, i) => timeouts.mock.results[i]?.value.aborted).map(([ms]) => ms);
    timeouts.mockRestore();

    // Assess: the body never ends, so only a bound ends the call, and the one that fired is the expected one.
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/timeout|deadline/);
    expect(fired).toEqual([name.startsWith('Secrets') ? 3000 : 300]);
  });
});

it('maps each failure to the adapter’s own error type', async () => {
  // Prepare
  const server = await new HostileServer().start();
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDLOCALTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-test-secret');
  try {
    // Act
    server.behaviour = 'redirect';
    const sns = await adapters['SNS Publish']!(server.origin, 2000);
    const cognito = await adapters['Cognito AdminUpdateUserAttributes']!(server.origin, 2000);
    const ledger = await adapters['DynamoDB ledger UpdateItem']!(server.origin, 2000);
    server.behaviour = 'slow-body';
    const slow = await adapters['SNS Publish']!(server.origin, 200);

    // Assess
    expect(sns).toBeInstanceOf(ProviderResponseError);
    expect(cognito).toBeInstanceOf(DirectoryError);
    expect(ledger).toBeInstanceOf(LedgerError);
    expect(String(ledger)).not.toContain(PHONE);
    expect(slow).toBeInstanceOf(ProviderTimeoutError);
  } finally {
    vi.unstubAllEnvs();
    await server.stop();
  }
});
