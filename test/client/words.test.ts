import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeError, explainError } from '../../src/client/explain-error';
import { clock, LANGS, pickLanguage, WORDS } from '../../src/client/words';
import { FAILURE_CODES, readFailureMessage } from '../../src/domain/public-failures';
import { REFUSALS } from '../../src/domain/session';
import { publicMessage } from '../../src/adapters/cognito/inbound/public-errors';
import { SignUpRefusedError, SIGN_UP_REFUSAL_REASONS } from '../../src/domain/errors';

/** Korean text: Hangul, and no English word (a Latin run of 3+ letters, SMS and ID aside). */
const KOREAN = /[\uac00-\ud7a3]/;
const englishIn = (text: string) => text.replace(/\b(SMS|ID)\b/g, '').match(/[A-Za-z]{3,}/g);
const lambdaError = (trigger: string, message: string) =>
  Object.assign(new Error(`${trigger} failed with error ${message}.`), { name: 'UserLambdaValidationException' });

describe('the strings for every failure and refusal, in Korean and English', () => {
  it.each(FAILURE_CODES)('has words for %s in both languages', (code) => {
    // Act
    const [ko, en] = [WORDS.ko.failure(code, {}), WORDS.en.failure(code, {})];

    // Assess
    expect(ko).toMatch(KOREAN);
    expect(englishIn(ko)).toBeNull();
    expect(en).toMatch(/^[A-Z][^\uac00-\ud7a3]+\.$/);
    expect(en).not.toBe(WORDS.en.failure('unknown', {}));
    expect(ko).not.toBe(WORDS.ko.failure('unknown', {}));
  });

  it('lists every failure code in docs/client-ui.md', () => {
    // Prepare
    const docs = readFileSync('docs/client-ui.md', 'utf8');

    // Assess
    expect(FAILURE_CODES.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });

  it.each(REFUSALS)('says why a send was refused (%s), in both languages, without claiming a code was sent', (refusal) => {
    for (const lang of LANGS) {
      // Act
      const text = WORDS[lang].refused(refusal, WORDS[lang].duration(42));

      // Assess
      expect(text).not.toBe(WORDS[lang].refused(undefined, undefined));
      expect(text).not.toMatch(/we sent|보냈습니다/i);
      if (lang === 'ko') expect(englishIn(text)).toBeNull();
    }
  });

  it('reads the code of every sign-up refusal from the error Cognito hands the client, labelled a sign-up', () => {
    for (const reason of SIGN_UP_REFUSAL_REASONS) {
      // Prepare
      const message = publicMessage(new SignUpRefusedError(reason, ['KR']), 'PreSignUp_SignUp');

      // Act
      const explained = explainError(lambdaError('PreSignUp', message));
      const ko = describeError(lambdaError('PreSignUp', message), 'ko').text;

      // Assess
      expect(explained).toMatchObject({ code: `sign-up-${reason}`, restart: true });
      expect(ko).toMatch(/가입/);
      expect(englishIn(ko)).toBeNull();
    }
  });

  it("names the allowed countries and the canonical number from the function's words, in the page's language", () => {
    // Act
    const country = describeError(lambdaError('PreSignUp', '[sign-up-country] phone numbers from that country cannot sign up here (KR, JP)'), 'ko');
    const canonical = describeError(lambdaError('PreSignUp', '[sign-up-not-canonical] type it as +821012345678'), 'ko');

    // Assess
    expect(country.text).toBe('이 국가의 번호로는 가입할 수 없습니다. 대한민국, 일본 휴대폰 번호로 가입해 주세요.');
    expect(canonical.text).toContain('010-1234-5678');
  });

  it("reads Cognito's and Amplify's own errors, and never shows an unread message", () => {
    // Prepare
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });

    // Act
    const codes = [
      named('NotAuthorizedException', 'Incorrect username or password.'),
      named('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
      named('NotAuthorizedException', 'Invalid session for the user.'),
      named('SignInException', 'no sign-in in progress'),
      named('UserNotConfirmedException', 'User is not confirmed.'),
      lambdaError('CreateAuthChallenge', 'could not send'),
      lambdaError('PreSignUp', 'sign-ups are closed'),
      named('NetworkError', 'A network error has occurred.'),
      new TypeError('Failed to fetch'),
      new Error('something odd'),
    ].map((error) => explainError(error).code);
    const shown = describeError(new Error('something odd in English'), 'ko').text;

    // Assess
    expect(codes).toEqual([
      'no-attempts-left',
      'session-expired',
      'session-invalid',
      'session-expired',
      'not-confirmed',
      'sign-in-failed',
      'sign-up-failed',
      'unreachable',
      'unreachable',
      'unknown',
    ]);
    expect(englishIn(shown)).toBeNull();
  });

  it('reads the code from a message and keeps the words after it; a code it has no words for is a failed sign-up or sign-in', () => {
    // Assess
    expect(readFailureMessage('CreateAuthChallenge failed with error [send-failed] could not send the verification code, try again shortly.')).toEqual({
      code: 'send-failed',
      words: 'could not send the verification code, try again shortly',
    });
    expect(explainError(lambdaError('PreSignUp', '[made-up] words')).code).toBe('sign-up-failed');
    expect(explainError(lambdaError('CreateAuthChallenge', '[made-up] words')).code).toBe('sign-in-failed');
    expect(readFailureMessage('PreSignUp failed with error sign-ups are closed.')).toBeUndefined();
  });

  it('counts down as Korean apps do, and picks the language the browser prefers', () => {
    // Assess
    expect([180, 179.2, 61, 9, 0, -3].map(clock)).toEqual(['3:00', '3:00', '1:01', '0:09', '0:00', '0:00']);
    expect([WORDS.ko.duration(42), WORDS.ko.duration(300), WORDS.ko.duration(3 * 3600 + 1200)]).toEqual(['42초', '5분', '3시간 20분']);
    expect([WORDS.en.duration(42), WORDS.en.duration(300), WORDS.en.duration(3 * 3600 + 1200)]).toEqual(['42 s', '5 min', '3 h 20 min']);
    expect([pickLanguage(['ko-KR', 'en']), pickLanguage(['fr', 'en-GB']), pickLanguage(['fr']), pickLanguage(['fr'], 'ko')]).toEqual(['ko', 'en', 'en', 'ko']);
  });
});
