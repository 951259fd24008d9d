import { appendFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deliveryWords, describeError, pickLanguage, WORDS } from '../../local/demo/messages';
import { readChallenge } from '../../src/client/challenge';
import { followOutbox, formatDeliveryNotice, formatSms } from '../../local/sms-printer';
import { newOutbox } from '../support/outbox';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('the demo page words', () => {
  it('speaks Korean to a browser that prefers Korean, English otherwise', () => {
    expect(pickLanguage(['ko-KR', 'en-US'])).toBe('ko');
    expect(pickLanguage(['ko'])).toBe('ko');
    expect(pickLanguage(['en-GB', 'ko'])).toBe('en');
    expect(pickLanguage(['fr-FR', 'de'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('has every word in both languages', () => {
    expect(Object.keys(WORDS.ko.page).sort()).toEqual(Object.keys(WORDS.en.page).sort());
    expect(Object.keys(WORDS.ko).sort()).toEqual(Object.keys(WORDS.en).sort());
  });

  it('says how many attempts are left after a wrong code', () => {
    expect(WORDS.en.wrongCode(2)).toBe('That code is not right. 2 attempts left.');
    expect(WORDS.en.wrongCode(1)).toBe('That code is not right. 1 attempt left.');
    expect(WORDS.ko.wrongCode(2)).toBe('인증번호가 맞지 않습니다. 2번 더 시도할 수 있습니다.');
  });

  it('says honestly whether a code was sent, reused or refused', () => {
    const words = (parameters: Record<string, string>, after: 'start' | 'resend' = 'start') => deliveryWords(readChallenge(parameters), 'en', after);
    expect(words({ delivery: 'sent' })).toEqual({ text: 'Code sent.', kind: 'info' });
    expect(words({ delivery: 'sent' }, 'resend')).toEqual({ text: 'We sent a new code. The previous one no longer works.', kind: 'info' });
    expect(words({})).toEqual({ text: 'Code sent.', kind: 'info' }); // a backend without `delivery`
    expect(words({ delivery: 'reused' })).toEqual({ text: 'We already sent a code; it still works. Type it below.', kind: 'info' });
    expect(words({ delivery: 'refused', refusal: 'resend-wait', resendInSeconds: '42' }).text).toBe('No new code yet: try again in 42 s.');
    expect(words({ delivery: 'refused', refusal: 'phone-daily-cap' }).text).toContain('daily limit');
    expect(words({ delivery: 'refused', refusal: 'country' }).text).toContain('do not send codes to this country');
    expect(words({ delivery: 'refused', refusal: 'budget' })).toEqual({ text: 'Too many requests right now. Try again later.', kind: 'error' });
    expect(deliveryWords(readChallenge({ delivery: 'reused' }), 'ko', 'start').text).toBe('이미 보낸 인증번호가 아직 유효합니다. 그 번호를 입력하세요.');
  });

  it.each([
    [named('NotAuthorizedException', 'Incorrect username or password.'), 'No attempts left. Send a new code to try again.'],
    [named('NotAuthorizedException', 'Invalid session for the user, session is expired.'), 'This sign-in took too long and has expired. Send a new code.'],
    [
      named('NotAuthorizedException', 'Invalid session for the user.'),
      'This sign-in is no longer valid (its session was used already, or the playground restarted). Send a new code.',
    ],
    [named('NotAuthorizedException', 'Refresh Token has been revoked'), 'The pool refused this: Refresh Token has been revoked'],
    [named('InvalidParameterException', 'Username should be a phone number.'), WORDS.en.phoneProblem.invalid],
    [
      named('UserLambdaValidationException', 'CreateAuthChallenge failed with error could not send the verification code, try again shortly.'),
      'Sign-in failed: could not send the verification code, try again shortly.',
    ],
  ])('puts %s in words', (error, words) => {
    expect(describeError(error)).toEqual({ text: words, restart: true });
  });
});

describe('the fake SMS in the terminal', () => {
  it('is marked as local and fake, with the whole number, so that numbers ending alike differ', () => {
    // Act
    const printed = formatSms('{"phone":"+821055501234","code":"042917","at":"2026-11-24T10:00:00.000Z"}');
    const one = formatSms('{"phone":"+821000000001","code":"111111","at":"2026-11-24T10:00:00.000Z"}');
    const other = formatSms('{"phone":"+821099990001","code":"111111","at":"2026-11-24T10:00:00.000Z"}');

    // Assess
    expect(printed).toContain('local fake SMS');
    expect(printed).toContain('to +82 10 5550 1234');
    expect(printed).toContain('code 042917');
    expect(one).not.toBe(other);
    expect(formatSms('{"phone":"+8212","code":"1"}')).toContain('to an invalid number');
  });

  it('says when a sign-in reused a code or was refused a send, and nothing otherwise', () => {
    // Prepare
    const create = { triggerSource: 'CreateAuthChallenge_Authentication', request: { userAttributes: { phone_number: '+821055501234' } } };
    const answered = (parameters: Record<string, string>) => ({ response: { publicChallengeParameters: { codeLength: '6', ...parameters } } });

    // Act
    const reused = formatDeliveryNotice(create, answered({ delivery: 'reused', resendInSeconds: '25' }));
    const refused = formatDeliveryNotice(create, answered({ delivery: 'refused', refusal: 'phone-daily-cap', resendInSeconds: '3600' }));

    // Assess
    expect(reused).toContain('no SMS to +82 10 5550 1234: the sign-in reuses the code already sent; a new code can be sent in 25 s');
    expect(refused).toContain('the send was refused (phone-daily-cap)');
    expect(formatDeliveryNotice(create, answered({ delivery: 'sent' }))).toBeUndefined();
    expect(formatDeliveryNotice(create, answered({}))).toBeUndefined(); // today's backend says nothing
    expect(formatDeliveryNotice({ ...create, triggerSource: 'DefineAuthChallenge_Authentication' }, answered({ delivery: 'reused' }))).toBeUndefined();
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
