import { describe, expect, it } from 'vitest';
import { POOL_TRIGGERS } from '../../local/playground';
import type { TriggerHandler } from '../../local/pool/triggers';
import { LocalUserPool } from '../../local/pool/user-pool';
import { buildApp } from '../support/app';
import { lastCode, newOutbox } from '../support/outbox';
import { THROW_AWAY_PASSWORD } from '../support/playground';

const PHONE = '+821055501234';
const SETTINGS = {
  region: 'ap-northeast-2',
  userPoolId: 'ap-northeast-2_playground',
  clientId: 'localplayground00000client',
  issuerBase: 'http://127.0.0.1:8787',
  triggers: POOL_TRIGGERS,
};

/** The real handler, except that one trigger source throws as a buggy or strict Lambda would. */
async function handlerFailingOn(triggerSource: string, message: string): Promise<{ handler: TriggerHandler; outbox: string }> {
  const outbox = await newOutbox();
  const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'silent' });
  const failing: TriggerHandler = async (event, context) => {
    if ((event as { triggerSource: string }).triggerSource === triggerSource) throw new Error(message);
    return handler(event, context);
  };
  return { handler: failing, outbox };
}

describe('local user pool, when a trigger throws', () => {
  it('refuses the sign-in after a right code when PostAuthentication throws, and issues no tokens', async () => {
    // Prepare
    const { handler, outbox } = await handlerFailingOn('PostAuthentication_Authentication', 'account suspended');
    const pool = await LocalUserPool.create(SETTINGS, handler);
    await pool.call('SignUp', { ClientId: SETTINGS.clientId, Username: PHONE, Password: THROW_AWAY_PASSWORD });
    const started = (await pool.call('InitiateAuth', { ClientId: SETTINGS.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: PHONE } })) as {
      Session: string;
    };

    // Act
    const answered = pool.call('RespondToAuthChallenge', {
      ClientId: SETTINGS.clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: started.Session,
      ChallengeResponses: { USERNAME: PHONE, ANSWER: await lastCode(outbox) },
    });

    // Assess
    await expect(answered).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PostAuthentication failed with error account suspended.' });
  });

  it('creates no user when PreSignUp throws', async () => {
    // Prepare
    const { handler } = await handlerFailingOn('PreSignUp_SignUp', 'sign-ups are closed');
    const pool = await LocalUserPool.create(SETTINGS, handler);

    // Act
    const signedUp = pool.call('SignUp', { ClientId: SETTINGS.clientId, Username: PHONE, Password: THROW_AWAY_PASSWORD });

    // Assess
    await expect(signedUp).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error sign-ups are closed.' });
    expect(pool.users.find(PHONE)).toBeUndefined();
  });
});
