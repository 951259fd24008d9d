import { describe, expect, it } from 'vitest';
import { CLIENT_ID } from '../../local/playground';
import { LocalUserPool } from '../../local/pool/user-pool';
import type { TriggerHandler } from '../../src/router';
import { buildApp } from '../support/app';
import { lastCode, newOutbox } from '../support/outbox';
import { LOCAL_POOL_SETTINGS as SETTINGS, THROW_AWAY_PASSWORD } from '../support/playground';

const PHONE = '+821055507788';

interface Seen {
  readonly trigger: string;
  readonly clientMetadata: unknown;
}

/** A pool on the real handler that notes, for every trigger it runs, the clientMetadata the event carried. */
async function recordingPool(): Promise<{ pool: LocalUserPool; outbox: string; seen: Seen[] }> {
  const outbox = await newOutbox();
  const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'silent' });
  const seen: Seen[] = [];
  const recording: TriggerHandler = async (event, context) => {
    const { triggerSource, request } = event as { triggerSource: string; request: { clientMetadata?: unknown } };
    seen.push({ trigger: triggerSource.replace(/_.*$/, ''), clientMetadata: request.clientMetadata });
    return handler(event, context);
  };
  return { pool: await LocalUserPool.create(SETTINGS, recording), outbox, seen };
}

const respond = (pool: LocalUserPool, session: string, answer: string, clientMetadata: Record<string, string>) =>
  pool.call('RespondToAuthChallenge', {
    ClientId: CLIENT_ID,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: session,
    ChallengeResponses: { USERNAME: PHONE, ANSWER: answer },
    ClientMetadata: clientMetadata,
  }) as Promise<{ Session?: string; AuthenticationResult?: unknown }>;

/** Another code of the same length: the last digit moved on by one. */
const notThe = (code: string) => `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;

describe('local user pool: clientMetadata reaches the triggers Cognito passes it to', () => {
  it("gives SignUp's to PreSignUp, InitiateAuth's to none of the first Define and Create, and each RespondToAuthChallenge's to its Verify, Define, Create and PostAuthentication", async () => {
    // Prepare
    const { pool, outbox, seen } = await recordingPool();

    // Act
    await pool.call('SignUp', { ClientId: CLIENT_ID, Username: PHONE, Password: THROW_AWAY_PASSWORD, ClientMetadata: { step: 'sign-up' } });
    const signUp = seen.splice(0);
    const started = (await pool.call('InitiateAuth', {
      ClientId: CLIENT_ID,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: PHONE },
      ClientMetadata: { step: 'initiate' },
    })) as { Session: string };
    const initiate = seen.splice(0);
    const wrong = await respond(pool, started.Session, notThe(await lastCode(outbox)), { step: 'wrong' });
    const afterWrong = seen.splice(0);
    const signedIn = await respond(pool, wrong.Session ?? '', await lastCode(outbox), { step: 'right' });
    const afterRight = seen.splice(0);

    // Assess
    expect(signUp).toEqual([{ trigger: 'PreSignUp', clientMetadata: { step: 'sign-up' } }]);
    expect(initiate).toEqual([
      { trigger: 'DefineAuthChallenge', clientMetadata: undefined },
      { trigger: 'CreateAuthChallenge', clientMetadata: undefined },
    ]);
    expect(afterWrong).toEqual([
      { trigger: 'VerifyAuthChallengeResponse', clientMetadata: { step: 'wrong' } },
      { trigger: 'DefineAuthChallenge', clientMetadata: { step: 'wrong' } },
      { trigger: 'CreateAuthChallenge', clientMetadata: { step: 'wrong' } },
    ]);
    expect(signedIn.AuthenticationResult).toBeDefined();
    expect(afterRight).toEqual([
      { trigger: 'VerifyAuthChallengeResponse', clientMetadata: { step: 'right' } },
      { trigger: 'DefineAuthChallenge', clientMetadata: { step: 'right' } },
      { trigger: 'PostAuthentication', clientMetadata: { step: 'right' } },
    ]);
  });

  it('still refuses an InitiateAuth whose ClientMetadata is not a map of strings, as Cognito does', async () => {
    // Prepare
    const { pool, seen } = await recordingPool();

    // Act
    const started = pool.call('InitiateAuth', { ClientId: CLIENT_ID, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: PHONE }, ClientMetadata: { n: 1 } });

    // Assess
    await expect(started).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(seen).toEqual([]);
  });
});
