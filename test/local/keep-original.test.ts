import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userPoolIdIn } from '../../local/playground';
import { showPhone } from '../../local/sms-printer';
import { TEST_AWS_ENV } from '../support/aws-env';
import { type NpmStart, startNpmStart } from '../support/npm-start';
import { readOutbox, wrongCode } from '../support/outbox';
import { THROW_AWAY_PASSWORD } from '../support/playground';

const PRINT_WAIT_MS = 5_000;

/** Attributes as a map. */
const attributesOf = (list: { Name?: string; Value?: string }[] | undefined) => Object.fromEntries((list ?? []).map(({ Name, Value }) => [Name, Value]));

describe('a signed-in user cannot move their phone silently, through `npm start` (keepOriginal)', () => {
  let server: NpmStart;
  let client: CognitoIdentityProviderClient;
  let userPoolId: string;

  beforeAll(async () => {
    // A resend interval of 0: each sign-in of the same number may text at once.
    server = await startNpmStart({ OTP_RESEND_INTERVAL_SECONDS: '0' });
    const credentials = { accessKeyId: TEST_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY };
    client = new CognitoIdentityProviderClient({ endpoint: server.endpoint, region: server.region, credentials, maxAttempts: 1 });
    userPoolId = userPoolIdIn(server.region);
  }, 40_000);
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  /** The codes the fake provider texted to `phone` (sign-in codes), oldest first. */
  const signInCodesTo = async (phone: string) => (await readOutbox(server.outbox)).filter((sms) => sms.phone === phone).map((sms) => sms.code);

  /** The codes of the Cognito verification SMS the terminal showed for `phone` (not the sign-in SMS, boxed alike), oldest first. */
  function cognitoCodesTo(phone: string): string[] {
    const shown = new RegExp(`Cognito's own verification SMS[^\\n]*\\n\\s*│\\s*to ${showPhone(phone).replace('+', '\\+')}\\s+code (\\d{6})`, 'g');
    return [...server.output().matchAll(shown)].map((match) => match[1]!);
  }

  /** The code of the last Cognito verification SMS to `phone`, once more than `after` were shown (the terminal prints a moment later). */
  async function cognitoCodeTo(phone: string, after = 0): Promise<string> {
    const started = Date.now();
    while (Date.now() - started < PRINT_WAIT_MS) {
      const codes = cognitoCodesTo(phone);
      if (codes.length > after) return codes.at(-1)!;
      await sleep(50);
    }
    throw new Error(`no Cognito verification SMS to ${phone} was printed:\n${server.output()}`);
  }

  /** A whole sign-in by code; returns the tokens and the number the code went to. */
  async function signIn(username: string) {
    const before = (await readOutbox(server.outbox)).length;
    const started = await client.send(new InitiateAuthCommand({ ClientId: server.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username } }));
    const sms = (await readOutbox(server.outbox)).slice(before);
    expect(sms).toHaveLength(1);
    const done = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: server.clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: started.Session,
        ChallengeResponses: { USERNAME: started.ChallengeParameters!.USERNAME!, ANSWER: sms[0]!.code },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    return { accessToken: done.AuthenticationResult!.AccessToken!, textedTo: sms[0]!.phone };
  }

  async function signUp(phone: string): Promise<string> {
    const { UserSub } = await client.send(new SignUpCommand({ ClientId: server.clientId, Username: phone, Password: THROW_AWAY_PASSWORD }));
    return UserSub!;
  }

  it("holds a user's own change back: codes keep going to A until Cognito's code for B is verified", async () => {
    // Prepare: sign up and in with A.
    const [phoneA, phoneB] = ['+821055503001', '+821055503002'];
    await signUp(phoneA);
    const { accessToken } = await signIn(phoneA);

    // Act: the attack, with the user's own access token.
    const update = await client.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'phone_number', Value: phoneB }] }));
    const cognitoCode = await cognitoCodeTo(phoneB);
    const nextSignIn = await signIn(phoneA);
    const whileHeld = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    const wrong = client.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: wrongCode(cognitoCode) }));
    await expect(wrong).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await client.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: cognitoCode }));
    const moved = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    const afterMove = await signIn(phoneB);

    // Assess
    expect(update.CodeDeliveryDetailsList).toEqual([{ Destination: '+********3002', DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect(nextSignIn.textedTo).toBe(phoneA);
    expect(attributesOf(whileHeld.UserAttributes)).toMatchObject({ phone_number: phoneA, phone_number_verified: 'true' });
    expect(attributesOf(moved.UserAttributes)).toMatchObject({ phone_number: phoneB, phone_number_verified: 'true' });
    expect(afterMove.textedTo).toBe(phoneB);
    expect(await signInCodesTo(phoneB)).toHaveLength(1); // B got no sign-in code before it was proven
  });

  it('lets a new code be asked for, refuses an old one, and refuses what a client may not write', async () => {
    // Prepare
    const [phoneA, phoneB] = ['+821055503011', '+821055503012'];
    await signUp(phoneA);
    const { accessToken } = await signIn(phoneA);
    const noChange = client.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: '123456' }));
    await expect(noChange).rejects.toMatchObject({ name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
    await client.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'phone_number', Value: phoneB }] }));
    const first = await cognitoCodeTo(phoneB);

    // Act
    const resent = await client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'phone_number' }));
    const second = await cognitoCodeTo(phoneB, 1);
    const verifiedFlag = await client
      .send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] }))
      .catch((error: unknown) => error);
    const unknown = await client
      .send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'shoe_size', Value: '42' }] }))
      .catch((error: unknown) => error);
    const named = await client.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'name', Value: 'Kim' }] }));

    // Assess
    expect(resent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    expect(verifiedFlag).toMatchObject({ name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' });
    expect(unknown).toMatchObject({ name: 'InvalidParameterException' });
    expect(named.CodeDeliveryDetailsList).toEqual([]);
    if (first !== second) {
      const old = client.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: first }));
      await expect(old).rejects.toMatchObject({ name: 'CodeMismatchException' });
    }
    await client.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'phone_number', Code: second }));
    const user = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(attributesOf(user.UserAttributes)).toMatchObject({ phone_number: phoneB, phone_number_verified: 'true', name: 'Kim' });
  });

  it("holds an administrator's change back too, unless the same call sets phone_number_verified=true", async () => {
    // Prepare
    const [phoneA, phoneB, phoneC] = ['+821055503021', '+821055503022', '+821055503023'];
    const username = await signUp(phoneA);
    await signIn(phoneA);
    const adminUpdate = (attributes: { Name: string; Value: string }[]) =>
      client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: attributes }));
    const attributes = async () => attributesOf((await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserAttributes);

    // Act
    await adminUpdate([{ Name: 'phone_number', Value: phoneB }]);
    const held = await attributes();
    const codeToB = await cognitoCodeTo(phoneB);
    const whileHeld = await signIn(phoneA);
    await adminUpdate([
      { Name: 'phone_number', Value: phoneC },
      { Name: 'phone_number_verified', Value: 'true' },
    ]);
    const set = await attributes();
    const afterSet = await signIn(phoneC);

    // Assess
    expect(codeToB).toMatch(/^\d{6}$/);
    expect(held).toMatchObject({ phone_number: phoneA, phone_number_verified: 'true' });
    expect(whileHeld.textedTo).toBe(phoneA);
    expect(set).toMatchObject({ phone_number: phoneC, phone_number_verified: 'true' });
    expect(cognitoCodesTo(phoneC)).toEqual([]);
    expect(afterSet.textedTo).toBe(phoneC);
  });
});
