import { AdminGetUserCommand, AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOutbox } from '../support/outbox';
import { answer, signUp, startSignIn, startTestPlayground, type TestPlayground } from '../support/playground';

const PHONE_A = '+821055501234';
const PHONE_B = '+821055509876';

describe('a code proves only the number it was sent to, through the playground (SDK v3)', () => {
  let pg: TestPlayground;
  beforeEach(async () => {
    // A pool without keepOriginal (one passed to the construct as is): the new number replaces the old at once.
    // The construct's own pool holds it back instead (test/local/keep-original.test.ts).
    pg = await startTestPlayground({ keepOriginalPhone: false });
  });
  afterEach(() => pg.close());

  it("refuses phone A's code once the user's phone_number is B, issues no tokens and leaves B unverified", async () => {
    // Prepare: sign up and start a sign-in with A; then the number changes to B mid sign-in.
    const { UserSub: username } = await signUp(pg, PHONE_A);
    const started = await startSignIn(pg, PHONE_A);
    const [sms] = await readOutbox(pg.outbox);
    await pg.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pg.userPoolId, Username: username, UserAttributes: [{ Name: 'phone_number', Value: PHONE_B }] }),
    );

    // Act
    const first = await answer(pg, started.Session, username!, sms!.code);
    const second = answer(pg, first.Session, username!, sms!.code);

    // Assess
    expect(sms?.phone).toBe(PHONE_A);
    expect(first.AuthenticationResult).toBeUndefined();
    // B's ledger record holds no code, so the round after the answer finds none to carry on: no attempt is offered,
    // and the next answer ends the sign-in.
    expect(first.ChallengeParameters).toMatchObject({ attemptsLeft: '0' });
    await expect(second).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const user = await pg.client.send(new AdminGetUserCommand({ UserPoolId: pg.userPoolId, Username: username }));
    expect(Object.fromEntries(user.UserAttributes!.map(({ Name, Value }) => [Name, Value]))).toMatchObject({
      phone_number: PHONE_B,
      phone_number_verified: 'false',
    });
    expect(await readOutbox(pg.outbox)).toHaveLength(1);
  });
});
