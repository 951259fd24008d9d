import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone, type PhoneNumber, standardFormHint } from '../../src/domain/phone';

describe('parsePhone', () => {
  it.each(['+821012345678', '+14155550123', '+447911123456', '+6831234'])('accepts E.164 %s', (value) => {
    // Act and assess
    expect(parsePhone(value)).toBe(value);
  });

  it.each([undefined, '', '01012345678', '+0101234567', '+82 10 1234 5678', '+82-10-1234-5678', '+8210123456789012', '+12345', 42])('rejects %s', (value) => {
    // Act and assess
    expect(parsePhone(value)).toBeUndefined();
  });
});

describe('maskPhone', () => {
  it.each([
    ['+821012345678', '82', '+82 ******5678'],
    ['+14155550123', '1', '+1 ******0123'],
    ['+79161234567', '7', '+7 ******4567'],
    ['+447911123456', '44', '+44 ******3456'],
    ['+8613812345678', '86', '+86 *******5678'],
    ['+85291234567', '852', '+852 ****4567'],
    ['+6831234', '683', '+683 **34'],
  ])('masks %s (calling code %s) as %s', (phone, callingCode, masked) => {
    // Act and assess
    expect(maskPhone(phone as PhoneNumber, callingCode)).toBe(masked);
  });

  it.each([
    ['+9991234567', undefined, '+** ****4567'],
    ['+821012345678', '1', '+** ******5678'],
  ])('hides the calling code of %s when the plan knows none (%s)', (phone, callingCode, masked) => {
    // Act and assess
    expect(maskPhone(phone as PhoneNumber, callingCode)).toBe(masked);
  });
});

describe('standardFormHint', () => {
  it.each([
    ['+8201012345678', 'leave out "0" after +82 (+82 ******5678)'],
    ['+820811012345678', 'leave out "081" after +82 (+82 ******5678)'],
    ['+8208512341012345678', 'write it as +82 ******5678, with + and the country code'],
  ])('tells how to write %s as +821012345678, without its digits', (typed, hint) => {
    // Act
    const words = standardFormHint(typed as PhoneNumber, '+821012345678' as PhoneNumber, '82');

    // Assess
    expect(words).toBe(hint);
    expect(words).not.toContain('1012345678');
  });
});
