import { describe, expect, it, vi } from 'vitest';
import { CLIENT_ID } from '../../local/playground';
import { LocalUserPool } from '../../local/pool/user-pool';
import type { TriggerHandler } from '../../src/router';
import { buildApp } from '../support/app';
import { lastCode, newOutbox } from '../support/outbox';
import { LOCAL_POOL_SETTINGS as SETTINGS, THROW_AWAY_PASSWORD } from '../support/playground';

const PHONE = '+821055501234';

/** The real handler, except for one trigger source, which `misbehave` answers as a buggy or strict Lambda would. */
async function handlerMisbehavingOn(triggerSource: string, misbehave: TriggerHandler): Promise<{ handler: TriggerHandler; outbox: string }> {
  const outbox = await newOutbox();
  const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'silent' });
  const misbehaving: TriggerHandler = async (event, context) =>
    (event as { triggerSource: string }).triggerSource === triggerSource ? misbehave(event, context) : handler(event, context);
  return { handler: misbehaving, outbox };
}

const throwing =
  (message: string): TriggerHandler =>
  async () => {
    throw new Error(message);
  };

const initiate = (pool: LocalUserPool) => pool.call('InitiateAuth', { ClientId: CLIENT_ID, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: PHONE } });

describe('local user pool, when a trigger throws', () => {
  it('refuses the sign-in after a right code when PostAuthentication throws, and issues no tokens', async () => {
    // Prepare
    const { handler, outbox } = await handlerMisbehavingOn('PostAuthentication_Authentication', throwing('account suspended'));
    const pool = await LocalUserPool.create(SETTINGS, handler);
    await pool.call('SignUp', { ClientId: CLIENT_ID, Username: PHONE, Password: THROW_AWAY_PASSWORD });
    const started = (await initiate(pool)) as { Session: string };

    // Act
    const answered = pool.call('RespondToAuthChallenge', {
      ClientId: CLIENT_ID,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.Session,
      ChallengeResponses: { USERNAME: PHONE, ANSWER: await lastCode(outbox) },
    });

    // Assess
    await expect(answered).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PostAuthentication failed with error account suspended.' });
  });

  it('creates no user when PreSignUp throws', async () => {
    // Prepare
    const { handler } = await handlerMisbehavingOn('PreSignUp_SignUp', throwing('sign-ups are closed'));
    const pool = await LocalUserPool.create(SETTINGS, handler);

    // Act
    const signedUp = pool.call('SignUp', { ClientId: CLIENT_ID, Username: PHONE, Password: THROW_AWAY_PASSWORD });

    // Assess
    await expect(signedUp).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error sign-ups are closed.' });
    expect(pool.users.find(PHONE)).toBeUndefined();
  });
});

describe('local user pool, when a trigger answers what Cognito cannot read', () => {
  it('names the trigger that returned no response', async () => {
    // Prepare
    const { handler } = await handlerMisbehavingOn('DefineAuthChallenge_Authentication', async () => ({ statusCode: 200 }));
    const pool = await LocalUserPool.create(SETTINGS, handler);

    // Act + Assess
    await expect(initiate(pool)).rejects.toMatchObject({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output from DefineAuthChallenge',
    });
  });

  it('names the trigger whose response asks for a challenge this flow does not have', async () => {
    // Prepare
    const { handler } = await handlerMisbehavingOn('DefineAuthChallenge_Authentication', async (event) => ({
      ...(event as object),
      response: { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false },
    }));
    const pool = await LocalUserPool.create(SETTINGS, handler);

    // Act + Assess
    await expect(initiate(pool)).rejects.toMatchObject({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output from DefineAuthChallenge',
    });
  });
});

describe('local user pool, when a trigger does not answer in time', () => {
  const never: TriggerHandler = () => new Promise(() => {});

  it('fails the sign-up as Cognito does when PreSignUp hangs, and creates no user', async () => {
    // Prepare
    const { handler } = await handlerMisbehavingOn('PreSignUp_SignUp', never);
    const pool = await LocalUserPool.create({ ...SETTINGS, triggerTimeoutMs: 50 }, handler);

    // Act
    const signedUp = pool.call('SignUp', { ClientId: CLIENT_ID, Username: PHONE, Password: THROW_AWAY_PASSWORD });

    // Assess
    await expect(signedUp).rejects.toMatchObject({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
    expect(pool.users.find(PHONE)).toBeUndefined();
  });

  it('fails the sign-in when DefineAuthChallenge hangs', async () => {
    // Prepare
    const { handler } = await handlerMisbehavingOn('DefineAuthChallenge_Authentication', never);
    const pool = await LocalUserPool.create({ ...SETTINGS, triggerTimeoutMs: 50 }, handler);
    await pool.call('SignUp', { ClientId: CLIENT_ID, Username: PHONE, Password: THROW_AWAY_PASSWORD });

    // Act + Assess
    await expect(initiate(pool)).rejects.toMatchObject({
      name: 'UnexpectedLambdaException',
      message: expect.stringMatching(/^DefineAuthChallenge invocation failed/),
    });
  });

  it('leaves no timer behind once a trigger has answered', async () => {
    // Prepare
    vi.useFakeTimers();
    const answering: TriggerHandler = async (event) => ({ ...(event as object), response: { autoConfirmUser: true } });
    const pool = await LocalUserPool.create({ ...SETTINGS, triggers: ['PreSignUp'] }, answering);

    try {
      // Act
      await pool.call('SignUp', { ClientId: CLIENT_ID, Username: PHONE, Password: THROW_AWAY_PASSWORD });

      // Assess
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
