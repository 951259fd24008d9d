import { describe, expect, it } from 'vitest';
import { normalizePhone, type PhoneProblem } from '../../src/client/phone';
import { WORDS } from '../../src/client/words';

describe('normalizePhone: what people type, in E.164', () => {
  it.each(['010-1234-5678', '01012345678', '+82 10 1234 5678', '+82 010-1234-5678', '+82 (10) 1234.5678', '  010 1234 5678 ', '＋８２ １０ １２３４ ５６７８'])(
    'reads %s in South Korea (the default) as +821012345678',
    (typed) => {
      expect(normalizePhone(typed)).toEqual({ ok: true, e164: '+821012345678' });
    },
  );

  it('reads a national number in the chosen country, and an international one whatever the country', () => {
    expect(normalizePhone('(202) 555-0143', 'US')).toEqual({ ok: true, e164: '+12025550143' });
    expect(normalizePhone('+82 10-5550-1234', 'US')).toEqual({ ok: true, e164: '+821055501234' });
    expect(normalizePhone('090-1234-5678', 'JP')).toEqual({ ok: true, e164: '+819012345678' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['call me', 'not-a-number'],
    ['010-1234-5678 ext. 2', 'not-a-number'],
    ['12345', 'invalid'],
    ['010-1234', 'invalid'],
    ['+0 10-5550-1234', 'invalid'],
    ['+82 10 1234 5678 9999', 'invalid'],
  ])('refuses %j in words (%s)', (typed, problem) => {
    // Act
    const result = normalizePhone(typed);

    // Assess
    expect(result).toMatchObject({ ok: false, problem });
    expect(!result.ok && result.words).toMatch(/phone number/);
  });
});

describe('normalizePhone speaks Korean and English', () => {
  it.each([
    ['', 'empty', '휴대폰 번호를 입력해 주세요.'],
    ['call me', 'not-a-number', '전화번호 형식이 아닙니다. 숫자만 입력하고, 국가번호 앞에는 +를 붙여 주세요.'],
    ['010-1234', 'invalid', '선택한 국가의 올바른 전화번호가 아닙니다. 번호를 확인하거나 +와 국가번호를 붙여 입력해 주세요.'],
  ])('refuses %j in Korean when asked (%s), and in English by default', (typed, problem, korean) => {
    // Act
    const ko = normalizePhone(typed, 'KR', 'ko');
    const en = normalizePhone(typed, 'KR', 'en');

    // Assess
    expect(ko).toEqual({ ok: false, problem, words: korean });
    expect(en).toEqual({ ok: false, problem, words: WORDS.en.phoneProblem[problem as PhoneProblem] });
    expect(normalizePhone(typed)).toEqual(en);
  });

  it('reads the number the same way in either language', () => {
    expect(normalizePhone('010-1234-5678', 'KR', 'ko')).toEqual({ ok: true, e164: '+821012345678' });
  });
});
