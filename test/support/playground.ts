import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Env } from '../../src/adapters/config';
import { startPlayground } from '../../local/playground';
import type { TriggerName } from '../../local/pool/triggers';
import { FakeClock } from './fakes';
import { newOutbox } from './outbox';

/** The SDK wants credentials; the local pool ignores signatures. */
const LOCAL_CREDENTIALS = { accessKeyId: 'AKIALOCALPLAYGROUND1', secretAccessKey: 'local-playground-ignores-signatures' };

/** A playground on a free port, the fake provider writing to a fresh outbox, and an SDK client for it. */
export async function startTestPlayground(options: { env?: Env; triggers?: readonly TriggerName[]; demo?: boolean } = {}) {
  const outbox = await newOutbox();
  const clock = new FakeClock(Date.now());
  const playground = await startPlayground({
    env: { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'silent', ...options.env },
    triggers: options.triggers,
    demo: options.demo,
    now: () => clock.now(),
  });
  const { endpoint, region, userPoolId, userPoolClientId: clientId } = playground.config;
  const client = new CognitoIdentityProviderClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  return { ...playground, outbox, clock, client, clientId, userPoolId };
}

export type TestPlayground = Awaited<ReturnType<typeof startTestPlayground>>;

/** A strong password nobody types: the pool's default policy still wants one at sign-up. */
export const THROW_AWAY_PASSWORD = 'Unused-passw0rd!';

export function signUp(pg: TestPlayground, phone: string) {
  return pg.client.send(new SignUpCommand({ ClientId: pg.clientId, Username: phone, Password: THROW_AWAY_PASSWORD }));
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
