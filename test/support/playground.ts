import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { vi } from 'vitest';
import type { Env } from '../../src/adapters/runtime/config';
import { CLIENT_ID, DEFAULT_REGION, POOL_TRIGGERS, startPlayground, userPoolIdIn } from '../../local/playground';
import type { TriggerName } from '../../local/pool/triggers';
import type { PublishedSms } from '../../local/sns-stub';
import { stubAwsEnv, TEST_AWS_ENV } from './aws-env';
import { FakeClock } from './fakes';
import { ledgerEnv } from './ledger-env';
import { newOutbox } from './outbox';

/**
 * A playground on a free port, the fake provider writing to a fresh outbox, and an SDK client for it.
 * Dummy AWS credentials are stubbed for the handler's own SDK client; `close` undoes that.
 */
export async function startTestPlayground(
  options: { env?: Env; triggers?: readonly TriggerName[]; demo?: boolean; keepOriginalPhone?: boolean; onFallbackSms?: (sms: PublishedSms) => void } = {},
) {
  stubAwsEnv();
  const outbox = await newOutbox();
  const clock = new FakeClock(Date.now());
  const playground = await startPlayground({
    env: { ...(await ledgerEnv()), OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'silent', ...options.env },
    triggers: options.triggers,
    demo: options.demo,
    keepOriginalPhone: options.keepOriginalPhone,
    onFallbackSms: options.onFallbackSms,
    now: () => clock.now(),
  });
  const { endpoint, region, userPoolId, userPoolClientId: clientId } = playground.config;
  const credentials = { accessKeyId: TEST_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY };
  const client = new CognitoIdentityProviderClient({ endpoint, region, credentials, maxAttempts: 1 });
  const close = async () => {
    client.destroy();
    await playground.close();
    vi.unstubAllEnvs();
  };
  return { ...playground, close, outbox, clock, client, clientId, userPoolId };
}

export type TestPlayground = Awaited<ReturnType<typeof startTestPlayground>>;

/** A password nobody types: the pool's policy (infra/password-policy.ts) still wants one at sign-up. */
export const THROW_AWAY_PASSWORD = 'Unused-passw0rd!';

/** A LocalUserPool's settings as the playground's, for tests that drive the pool without its HTTP server. */
export const LOCAL_POOL_SETTINGS = {
  region: DEFAULT_REGION,
  userPoolId: userPoolIdIn(DEFAULT_REGION),
  clientId: CLIENT_ID,
  issuerBase: 'http://127.0.0.1:8787',
  triggers: POOL_TRIGGERS,
};

export function signUp(pg: TestPlayground, phone: string) {
  return signUpWith(pg, phone, THROW_AWAY_PASSWORD);
}

export function signUpWith(pg: TestPlayground, phone: string, password: string) {
  return pg.client.send(new SignUpCommand({ ClientId: pg.clientId, Username: phone, Password: password }));
}

export function startSignIn(pg: TestPlayground, phone: string) {
  return pg.client.send(new InitiateAuthCommand({ ClientId: pg.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: phone } }));
}

export function answer(pg: TestPlayground, session: string | undefined, username: string, code: string) {
  return pg.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: pg.clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: session,
      ChallengeResponses: { USERNAME: username, ANSWER: code },
    }),
  );
}
