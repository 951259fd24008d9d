import { appendFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BAD_PHONE, describeError, normalizePhone, wrongCode } from '../../local/demo/messages';
import { followOutbox, formatSms } from '../../local/sms-printer';
import { newOutbox } from '../support/outbox';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('the demo page words', () => {
  it('accepts a number typed with spaces and dashes, and refuses what the domain refuses', () => {
    expect(normalizePhone('+82 10-5550-1234')).toBe('+821055501234');
    expect(normalizePhone('010-5550-1234')).toBeUndefined();
    expect(normalizePhone('+0 10-5550-1234')).toBeUndefined();
  });

  it('says how many attempts are left after a wrong code', () => {
    expect(wrongCode('2')).toBe('That code is not right. 2 attempts left.');
    expect(wrongCode('1')).toBe('That code is not right. 1 attempt left.');
  });

  it.each([
    [named('NotAuthorizedException', 'Incorrect username or password.'), 'No attempts left. Send a new code to try again.'],
    [named('NotAuthorizedException', 'Invalid session for the user, session is expired.'), 'This sign-in took too long and has expired. Send a new code.'],
    [
      named('NotAuthorizedException', 'Invalid session for the user.'),
      'This sign-in is no longer valid (its session was used already, or the playground restarted). Send a new code.',
    ],
    [named('NotAuthorizedException', 'Refresh Token has been revoked'), 'The pool refused this: Refresh Token has been revoked'],
    [named('InvalidParameterException', 'Username should be a phone number.'), BAD_PHONE],
    [
      named('UserLambdaValidationException', 'CreateAuthChallenge failed with error could not send the verification code, try again shortly.'),
      'Sign-in failed: could not send the verification code, try again shortly.',
    ],
  ])('puts %s in words', (error, words) => {
    expect(describeError(error)).toEqual({ text: words, restart: true });
  });
});

describe('the fake SMS in the terminal', () => {
  it('is marked as local and fake, with the number masked', () => {
    // Act
    const printed = formatSms('{"phone":"+821055501234","code":"042917","at":"2026-11-24T10:00:00.000Z"}');

    // Assess
    expect(printed).toContain('local fake SMS');
    expect(printed).toContain('+82 ******1234');
    expect(printed).toContain('code 042917');
    expect(printed).not.toContain('+821055501234');
  });

  it('prints each SMS appended to the outbox after it starts following, and none from before', async () => {
    // Prepare
    const outbox = await newOutbox();
    await writeFile(outbox, '{"phone":"+821055500000","code":"111111","at":"2026-11-24T09:00:00.000Z"}\n');
    const printed: string[] = [];
    const stop = await followOutbox(outbox, (text) => printed.push(text));

    // Act
    await appendFile(outbox, '{"phone":"+821055501234","code":"042917","at":"2026-11-24T10:00:00.000Z"}\n');
    for (let waited = 0; printed.length === 0 && waited < 5000; waited += 50) await sleep(50);
    stop();

    // Assess
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('code 042917');
  });
});
