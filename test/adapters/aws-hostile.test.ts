import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsTarget } from '../../src/adapters/aws/services';
import { DynamoDbCodeLedger } from '../../src/adapters/ledger/dynamodb-ledger';
import { LedgerError } from '../../src/adapters/ledger/ledger-error';
import { CognitoUserDirectory } from '../../src/adapters/cognito/outbound/user-directory';
import type { SmsSettings } from '../../src/adapters/runtime/provider-config';
import { withSecrets } from '../../src/adapters/runtime/secrets';
import { SnsSmsDelivery } from '../../src/adapters/providers/sns';
import { DirectoryError, ProviderResponseError, ProviderTimeoutError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { TEST_AWS_ENV, testAws } from '../support/aws-env';
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
    new SnsSmsDelivery(awsTarget('sns', testAws({ sns: origin })), settings).deliver(PHONE as PhoneNumber, '012345', deadlineIn(ms)).catch((e: unknown) => e),
  'Cognito AdminUpdateUserAttributes': (origin, ms) =>
    new CognitoUserDirectory(testAws({ cognito: origin })).markPhoneVerified(user, deadlineIn(ms)).catch((e: unknown) => e),
  'DynamoDB ledger UpdateItem': (origin, ms) =>
    new DynamoDbCodeLedger({
      tableName: 'otp-ledger',
      keySecret: new Uint8Array(32),
      limits: { resendIntervalSeconds: 60, maxResendWaitSeconds: 1800, maxSendsPerPhonePerDay: 10, codeTtlSeconds: 300, maxAttempts: 3 },
      aws: awsTarget('dynamodb', testAws({ dynamodb: origin })),
    })
      .claimSend(PHONE as PhoneNumber, { codeId: 'c1', proof: 'p1' }, Date.now(), deadlineIn(ms))
      .catch((e: unknown) => e),
  // The endpoint and keys from the environment given, as createHandler gives it, never from process.env.
  'Secrets Manager GetSecretValue': (origin) =>
    withSecrets({ ...TEST_AWS_ENV, AWS_ENDPOINT_URL_SECRETS_MANAGER: origin, OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY_SECRET_ID: 'prod/easyauth' }).catch(
      (e: unknown) => e,
    ),
};

describe.each(Object.keys(adapters))('%s against a hostile endpoint', (name) => {
  const server = new HostileServer();
  const call = (behaviour: Hostility, deadlineMs = 5000) => {
    server.behaviour = behaviour;
    return adapters[name]!(server.origin, deadlineMs);
  };

  beforeAll(() => server.start());
  afterAll(() => server.stop());

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
    expect(String(error)).toMatch(/too-large|body over \d+ bytes/);
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
    await server.stop();
  }
});
