import { InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { npmStartWithClient } from '../support/npm-start';
import { readOutbox } from '../support/outbox';
import { THROW_AWAY_PASSWORD } from '../support/playground';

/**
 * Issue 21 item 2 through `npm start` with default limits and the AWS SDK v3 client: 20 sign-ups in the victim's
 * number range, then 10 sign-ins for the victim. Before, that took 0.84 s and refused the victim with
 * `phone-daily-cap` for 18.3 hours. The playground's clock cannot be moved: what a refusal says is the figure here
 * (test/security/lock-out.test.ts lets the hours pass).
 */
const BOUNDED = { timeout: 60_000 };
const LONGEST_WAIT_S = 1800;
const HOUR_MS = 3_600_000;

/** The range counts per UTC hour: a burst across the turn of the hour would start afresh. Waits out an hour's last 15 s. */
async function awayFromHourEdge(): Promise<void> {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('the lock-out trick through `npm start` (default limits, SDK v3)', () => {
  const npmStart = npmStartWithClient();
  const server = () => npmStart.server();
  const client = () => npmStart.client();

  /** Signs the number up (unless it exists) and starts a sign-in, as README's sequence does; the challenge's public parameters. */
  async function signUpAndStart(phone: string) {
    await client()
      .send(
        new SignUpCommand({
          ClientId: server().clientId,
          Username: phone,
          Password: THROW_AWAY_PASSWORD,
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'UsernameExistsException') throw error;
      });
    const started = await client().send(new InitiateAuthCommand({ ClientId: server().clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: phone } }));
    return { session: started.Session ?? '', username: started.ChallengeParameters?.USERNAME ?? '', told: started.ChallengeParameters ?? {} };
  }
  const fillRange = (victim: string) => Promise.all(Array.from({ length: 20 }, (_, k) => signUpAndStart(`${victim.slice(0, -4)}${9000 + k}`)));
  const tenSignIns = async (victim: string) => {
    const told = [];
    for (let i = 0; i < 10; i++) told.push((await signUpAndStart(victim)).told);
    return told;
  };

  it('refuses a number that never signed in by its range until the hour turns, never for the day', BOUNDED, async () => {
    // Prepare
    const victim = '+821088811234';
    await awayFromHourEdge();
    const filled = await fillRange(victim);

    // Act
    const told = await tenSignIns(victim);

    // Assess: the 20 sign-ups got their SMS; the victim none, refused by the range (until the hour ends) and for nothing longer.
    expect(filled.filter((s) => s.told.delivery === 'sent')).toHaveLength(20);
    expect(new Set(told.map((t) => `${t.delivery}:${t.refusal}`))).toEqual(new Set(['refused:range']));
    expect(Math.max(...told.map((t) => Number(t.resendInSeconds)))).toBeLessThanOrEqual(3600);
  });

  it('lets a victim who signed in before through a full range, and tells every refusal a retry within 30 minutes', BOUNDED, async () => {
    // Prepare: the victim signs in once.
    const victim = '+821088821234';
    const first = await signUpAndStart(victim);
    const code = (await readOutbox(server().outbox)).filter((sms) => sms.phone === victim).at(-1)?.code ?? '';
    const done = await client().send(
      new RespondToAuthChallengeCommand({
        ClientId: server().clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: first.session,
        ChallengeResponses: { USERNAME: first.username, ANSWER: code },
      }),
    );
    await fillRange(victim);

    // Act
    const told = await tenSignIns(victim);

    // Assess: never refused by the range or for the day; each refusal (the spent code's resend wait) says when, within 30 minutes.
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(told.filter((t) => t.refusal === 'range' || t.refusal === 'phone-daily-cap')).toEqual([]);
    expect(Math.max(...told.map((t) => Number(t.resendInSeconds)))).toBeLessThanOrEqual(LONGEST_WAIT_S);
  });
});
