import { InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { npmStartWithClient } from '../support/npm-start';
import { THROW_AWAY_PASSWORD } from '../support/playground';

/**
 * Issue 21, item 6, through `npm start` with the AWS SDK v3 client: the masked number in the public challenge
 * parameters ended in the typed digits for 30 of 30 known users and for 0 of 30 unknown ones. Now the parameters
 * carry no number, and nothing else in them tells a known user from an unknown one.
 */
const USERS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('probing for accounts through the public challenge parameters, against `npm start`', () => {
  const npmStart = npmStartWithClient();
  const server = () => npmStart.server();
  const client = () => npmStart.client();

  /** What a prober sees: InitiateAuth's parameters, then those after one wrong answer; USERNAME reduced to its shape. */
  async function probe(username: string) {
    const started = await client().send(
      new InitiateAuthCommand({ ClientId: server().clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username } }),
    );
    const shown = started.ChallengeParameters ?? {};
    const answered = await client().send(
      new RespondToAuthChallengeCommand({
        ClientId: server().clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: started.Session,
        ChallengeResponses: { USERNAME: shown.USERNAME ?? '', ANSWER: '000000' },
      }),
    );
    return [shown, answered.ChallengeParameters ?? {}].map((parameters) =>
      Object.entries(parameters).map(([name, value]) => [name, name === 'USERNAME' ? UUID.test(value) : value] as const),
    );
  }

  it(`shows ${USERS} known and ${USERS} unknown users the same parameters, in the same order, with no digits of any number`, { timeout: 60_000 }, async () => {
    // Prepare: known users sign up by phone; unknown ones are numbers nobody signed up with, and names that are not numbers.
    // Each number in its own range (they differ before the last 4 digits), so that no range limit refuses a send.
    const known = Array.from({ length: USERS }, (_, k) => `+8210${7000 + k}1234`);
    for (const phone of known) {
      await client().send(
        new SignUpCommand({
          ClientId: server().clientId,
          Username: phone,
          Password: THROW_AWAY_PASSWORD,
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
        }),
      );
    }
    const unknown = Array.from({ length: USERS }, (_, k) => (k % 2 === 0 ? `+8210${8000 + k}1234` : `nobody-${k}`));

    // Act: interleaved, so that the machine's load falls on both alike.
    const traces: { known: boolean; trace: Awaited<ReturnType<typeof probe>> }[] = [];
    for (let k = 0; k < USERS; k++) {
      traces.push({ known: true, trace: await probe(known[k]!) });
      traces.push({ known: false, trace: await probe(unknown[k]!) });
    }

    // Assess: one trace for all 60 but the seconds left to wait and to answer, which a second's turn between two
    // requests may move by 1.
    const clockReadings = new Set(['resendInSeconds', 'expiresInSeconds']);
    const withoutClock = (trace: Awaited<ReturnType<typeof probe>>) => JSON.stringify(trace.map((round) => round.filter(([name]) => !clockReadings.has(name))));
    const distinct = new Set(traces.map(({ trace }) => withoutClock(trace)));
    const seconds = (isKnown: boolean, name: string) =>
      traces.filter((t) => t.known === isKnown).flatMap(({ trace }) => trace.map((round) => Number(new Map(round).get(name))));
    console.log(`${USERS} known, ${USERS} unknown: ${distinct.size} distinct trace(s): ${[...distinct].join(' | ')}`);
    expect(distinct.size).toBe(1);
    expect(traces[0]!.trace.map((round) => round.map(([name]) => name))).toEqual([
      ['codeLength', 'attemptsLeft', 'resendInSeconds', 'expiresInSeconds', 'delivery', 'USERNAME'],
      ['codeLength', 'attemptsLeft', 'resendInSeconds', 'expiresInSeconds', 'delivery', 'USERNAME'],
    ]);
    for (const isKnown of [true, false]) {
      expect(seconds(isKnown, 'resendInSeconds').every((left) => left === 29 || left === 30)).toBe(true);
      expect(seconds(isKnown, 'expiresInSeconds').every((left) => left === 179 || left === 180)).toBe(true);
    }
    expect(JSON.stringify(traces)).not.toMatch(/[+*]/); // no number, masked or not
  });
});
