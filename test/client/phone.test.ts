import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/client/phone';

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
