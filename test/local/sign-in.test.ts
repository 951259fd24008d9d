import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EasyAuthServer } from '../support/easyauth-server';
import { lastCode, readOutbox, wrongCode } from '../support/outbox';
import { answer, signUp, startSignIn, startTestPlayground, type TestPlayground, THROW_AWAY_PASSWORD } from '../support/playground';

const PHONE = '+821055501234';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('local user pool, through the AWS SDK v3', () => {
  let pg: TestPlayground;
  beforeEach(async () => {
    pg = await startTestPlayground();
  });
  afterEach(() => pg.close());

  it('signs a new number up, then in: a wrong code costs one attempt, the right one gets tokens that verify against the JWKS', async () => {
    // Prepare
    const signedUp = await signUp(pg, PHONE);

    // Act
    const started = await startSignIn(pg, PHONE);
    const code = await lastCode(pg.outbox);
    const retried = await answer(pg, started.Session, PHONE, wrongCode(code));
    const signedIn = await answer(pg, retried.Session, PHONE, code);

    // Assess
    expect(signedUp).toMatchObject({ UserConfirmed: true, UserSub: expect.stringMatching(UUID) });
    expect(started.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(started.ChallengeParameters).toEqual({
      USERNAME: signedUp.UserSub,
      codeLength: '6',
      attemptsLeft: '3',
      // Seconds left, rounded up when Create answers: a send that takes over a second reads one less.
      resendInSeconds: expect.stringMatching(/^(29|30)$/),
      expiresInSeconds: expect.stringMatching(/^(179|180)$/),
      delivery: 'sent',
    });
    expect(retried.ChallengeParameters).toMatchObject({ attemptsLeft: '2' });
    expect(retried.Session).not.toBe(started.Session);
    expect(await readOutbox(pg.outbox)).toHaveLength(1);

    const result = signedIn.AuthenticationResult!;
    expect(result).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600, RefreshToken: expect.any(String) });
    const issuer = `${pg.config.endpoint}/${pg.userPoolId}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const id = await jwtVerify(result.IdToken!, jwks, { issuer, audience: pg.clientId, algorithms: ['RS256'] });
    const access = await jwtVerify(result.AccessToken!, jwks, { issuer, algorithms: ['RS256'] });
    expect(decodeProtectedHeader(result.IdToken!)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(id.payload).toMatchObject({
      sub: signedUp.UserSub,
      'cognito:username': signedUp.UserSub,
      token_use: 'id',
      phone_number: PHONE,
      phone_number_verified: true,
      auth_time: expect.any(Number),
      jti: expect.any(String),
      origin_jti: expect.any(String),
      event_id: expect.any(String),
    });
    expect(access.payload).toMatchObject({
      sub: signedUp.UserSub,
      username: signedUp.UserSub,
      client_id: pg.clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      origin_jti: id.payload.origin_jti,
    });
    expect(access.payload.exp! - access.payload.iat!).toBe(3600);
  });

  it('marks the phone verified on the first sign-in: PostAuthentication calls back into the pool through the SDK', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const before = await pg.client.send(new AdminGetUserCommand({ UserPoolId: pg.userPoolId, Username: PHONE }));
    const started = await startSignIn(pg, PHONE);

    // Act
    const { AuthenticationResult } = await answer(pg, started.Session, PHONE, await lastCode(pg.outbox));
    const me = await pg.client.send(new GetUserCommand({ AccessToken: AuthenticationResult?.AccessToken }));

    // Assess
    expect(before).toMatchObject({ UserStatus: 'CONFIRMED' });
    expect(before.UserAttributes).toContainEqual({ Name: 'phone_number_verified', Value: 'false' });
    expect(me.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'phone_number', Value: PHONE },
        { Name: 'phone_number_verified', Value: 'true' },
      ]),
    );
  });

  it('refuses the sign-in once every attempt is spent, and sends one SMS in all', async () => {
    // Prepare
    await signUp(pg, PHONE);
    let step = await startSignIn(pg, PHONE);
    const wrong = wrongCode(await lastCode(pg.outbox));
    const attemptsShown: (string | undefined)[] = [step.ChallengeParameters?.attemptsLeft];

    // Act
    for (let i = 0; i < 2; i++) {
      step = await answer(pg, step.Session, PHONE, wrong);
      attemptsShown.push(step.ChallengeParameters?.attemptsLeft);
    }
    const last = answer(pg, step.Session, PHONE, wrong);

    // Assess
    await expect(last).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(attemptsShown).toEqual(['3', '2', '1']);
    expect(await readOutbox(pg.outbox)).toHaveLength(1);
  });

  it('accepts each session once', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    const code = await lastCode(pg.outbox);
    await answer(pg, started.Session, PHONE, wrongCode(code));

    // Act
    const reused = answer(pg, started.Session, PHONE, code);

    // Assess
    await expect(reused).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('refuses an answer that names another user, and leaves the session to its own user', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    const code = await lastCode(pg.outbox);

    // Act
    const stray = await answer(pg, started.Session, '+821099990000', code).catch((error: unknown) => error);
    const own = await answer(pg, started.Session, PHONE, code);

    // Assess
    expect(stray).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(own.AuthenticationResult?.IdToken).toBeDefined();
  });

  it('refuses a session older than the auth-session validity (3 minutes)', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    const code = await lastCode(pg.outbox);
    pg.clock.advance(3 * 60 + 1);

    // Act
    const late = answer(pg, started.Session, PHONE, code);

    // Assess
    await expect(late).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('takes a session just inside its validity', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    pg.clock.advance(3 * 60 - 1);

    // Act
    const signedIn = await answer(pg, started.Session, PHONE, await lastCode(pg.outbox));

    // Assess
    expect(signedIn.AuthenticationResult?.IdToken).toBeDefined();
  });

  it("keeps a session for AUTH_SESSION_MINUTES, as the stack's authSessionMinutes", async () => {
    // Prepare
    await pg.close();
    pg = await startTestPlayground({ env: { AUTH_SESSION_MINUTES: '5' } });
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    pg.clock.advance(5 * 60 - 1);

    // Act
    const signedIn = await answer(pg, started.Session, PHONE, await lastCode(pg.outbox));

    // Assess
    expect(signedIn.AuthenticationResult?.IdToken).toBeDefined();
  });

  it('walks an unknown number through the same rounds, sends nothing and never signs it in', async () => {
    // Prepare
    const unknown = '+821099990000';

    // Act
    let step = await startSignIn(pg, unknown);
    const shown = step.ChallengeParameters;
    for (let i = 0; i < 2; i++) step = await answer(pg, step.Session, unknown, '123456');
    const last = answer(pg, step.Session, unknown, '123456');

    // Assess
    // An unknown user is shown the same parameters as a known one, and no number (issue 21).
    expect(shown).toEqual({
      USERNAME: expect.stringMatching(UUID),
      codeLength: '6',
      attemptsLeft: '3',
      // Seconds left, rounded up when Create answers: a send that takes over a second reads one less.
      resendInSeconds: expect.stringMatching(/^(29|30)$/),
      expiresInSeconds: expect.stringMatching(/^(179|180)$/),
      delivery: 'sent',
    });
    await expect(last).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(await readOutbox(pg.outbox)).toEqual([]);
  });

  it.each(['phone_number_verified', 'email_verified'])(
    'refuses a sign-up that writes %s, as Cognito refuses an app client, and creates no user',
    async (attribute) => {
      // Act
      const signedUp = pg.client.send(
        new SignUpCommand({ ClientId: pg.clientId, Username: PHONE, Password: THROW_AWAY_PASSWORD, UserAttributes: [{ Name: attribute, Value: 'true' }] }),
      );

      // Assess
      await expect(signedUp).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' });
      await expect(pg.client.send(new AdminGetUserCommand({ UserPoolId: pg.userPoolId, Username: PHONE }))).rejects.toMatchObject({
        name: 'UserNotFoundException',
      });
    },
  );

  it('refuses a user whose sign-up is not confirmed, as Cognito does', async () => {
    // Prepare: a pool without PreSignUp leaves self sign-ups unconfirmed.
    await pg.close();
    pg = await startTestPlayground({ triggers: ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse'] });
    const signedUp = await signUp(pg, PHONE);

    // Act
    const started = startSignIn(pg, PHONE);

    // Assess
    expect(signedUp.UserConfirmed).toBe(false);
    await expect(started).rejects.toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
  });

  it('signs in a user an administrator made, and shows attribute changes through GetUser', async () => {
    // Prepare
    const created = await pg.client.send(
      new AdminCreateUserCommand({ UserPoolId: pg.userPoolId, Username: PHONE, UserAttributes: [{ Name: 'name', Value: 'Min-jun' }] }),
    );
    const started = await startSignIn(pg, PHONE);
    const { AuthenticationResult } = await answer(pg, started.Session, PHONE, await lastCode(pg.outbox));

    // Act: an attribute no trigger touches, so only the update can change it.
    await pg.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pg.userPoolId, Username: PHONE, UserAttributes: [{ Name: 'name', Value: 'Ji-woo' }] }),
    );
    const me = await pg.client.send(new GetUserCommand({ AccessToken: AuthenticationResult?.AccessToken }));

    // Assess
    expect(created.User).toMatchObject({ UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true, UserCreateDate: expect.any(Date) });
    expect(created.User?.Attributes).toContainEqual({ Name: 'name', Value: 'Min-jun' });
    expect(me.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'name', Value: 'Ji-woo' },
        { Name: 'phone_number', Value: PHONE },
      ]),
    );
  });

  it('refreshes tokens, and a revoked refresh token ends the access tokens of its sign-in', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    const tokens = (await answer(pg, started.Session, PHONE, await lastCode(pg.outbox))).AuthenticationResult!;

    // Act
    const refreshed = await pg.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: pg.clientId, RefreshToken: tokens.RefreshToken }));
    const byFlow = await pg.client.send(
      new InitiateAuthCommand({ ClientId: pg.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
    );
    await pg.client.send(new RevokeTokenCommand({ ClientId: pg.clientId, Token: tokens.RefreshToken }));

    // Assess
    expect(refreshed.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(byFlow.AuthenticationResult?.RefreshToken).toBeUndefined();
    await expect(pg.client.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult?.AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await expect(pg.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: pg.clientId, RefreshToken: tokens.RefreshToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });

  it('refuses an expired access token', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const started = await startSignIn(pg, PHONE);
    const tokens = (await answer(pg, started.Session, PHONE, await lastCode(pg.outbox))).AuthenticationResult!;
    pg.clock.advance(3601);

    // Act
    const me = pg.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));

    // Assess
    await expect(me).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired' });
  });

  it('refuses bad input in Cognito words', async () => {
    // Prepare
    await signUp(pg, PHONE);
    const initiate = (clientId: string, flow: 'CUSTOM_AUTH' | 'USER_PASSWORD_AUTH', parameters: Record<string, string>) =>
      pg.client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: parameters }));

    // Act + Assess
    await expect(initiate('nosuchclient', 'CUSTOM_AUTH', { USERNAME: PHONE })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
    await expect(initiate(pg.clientId, 'USER_PASSWORD_AUTH', { USERNAME: PHONE })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    await expect(initiate(pg.clientId, 'CUSTOM_AUTH', {})).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    });
    await expect(signUp(pg, '010-5550-1234')).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Username should be a phone number.' });
    await expect(signUp(pg, PHONE)).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given phone_number already exists.',
    });
    await expect(pg.client.send(new AdminGetUserCommand({ UserPoolId: pg.userPoolId, Username: '+821000000000' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });
});

describe('local user pool with the EasyAuth provider', () => {
  let easyAuth: EasyAuthServer;
  let pg: TestPlayground;
  beforeEach(async () => {
    easyAuth = await new EasyAuthServer().start();
    pg = await startTestPlayground({ env: { OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: easyAuth.baseUrl, EASYAUTH_API_KEY: easyAuth.apiKey } });
    await pg.client.send(new AdminCreateUserCommand({ UserPoolId: pg.userPoolId, Username: PHONE }));
  });
  afterEach(async () => {
    await pg.close();
    await easyAuth.stop();
  });

  it('signs in with the code EasyAuth sent', async () => {
    // Prepare
    const started = await startSignIn(pg, PHONE);

    // Act
    const signedIn = await answer(pg, started.Session, PHONE, easyAuth.codes.get(PHONE)!);

    // Assess
    expect(signedIn.AuthenticationResult?.IdToken).toEqual(expect.any(String));
    expect(easyAuth.received.map((r) => r.path)).toEqual(['/v1/send', '/v1/verify']);
  });

  it('surfaces a trigger that throws as UserLambdaValidationException, in the handler words', async () => {
    // Prepare
    easyAuth.faults.push({ status: 500 });

    // Act
    const started = startSignIn(pg, PHONE);

    // Assess
    await expect(started).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'CreateAuthChallenge failed with error [send-failed] could not send the verification code, try again shortly.',
    });
  });
});
