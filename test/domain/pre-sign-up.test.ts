import { describe, expect, it } from 'vitest';
import { FakePhoneInspector, KOREAN_MOBILE } from '../../src/adapters/phone/fake-inspector';
import { decideSignUp } from '../../src/domain/pre-sign-up';
import { PHONE } from '../support/events';

const phones = new FakePhoneInspector({
  '+14155550123': { country: 'US', callingCode: '1', kind: 'fixed-or-mobile', valid: true },
  '+826012345678': { ...KOREAN_MOBILE, kind: 'premium-rate' },
  '+8210123': { ...KOREAN_MOBILE, valid: false },
});

describe('decideSignUp', () => {
  it('confirms a self sign-up with a valid phone at once, leaving the phone unverified', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: PHONE }, phones, ['KR'])).toEqual({ kind: 'confirm-unverified' });
  });

  it.each([undefined, '', '01012345678', '+82 10 1234 5678', 'not a phone', '+8210123'])('refuses a self sign-up whose phone is %j as invalid', (phone) => {
    expect(decideSignUp({ origin: 'self', phoneNumber: phone }, phones, ['KR'])).toEqual({ kind: 'refused', reason: 'invalid', allowedCountries: ['KR'] });
  });

  it('refuses a number from a country not allowed, and accepts it once allowed', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: '+14155550123' }, phones, ['KR'])).toMatchObject({ kind: 'refused', reason: 'country' });
    expect(decideSignUp({ origin: 'self', phoneNumber: '+14155550123' }, phones, ['KR', 'US'])).toEqual({ kind: 'confirm-unverified' });
  });

  it('refuses a number that cannot receive a code', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: '+826012345678' }, phones, ['KR'])).toMatchObject({ kind: 'refused', reason: 'number-type' });
  });

  it.each(['admin', 'external'] as const)('leaves %s-created users as they are', (origin) => {
    expect(decideSignUp({ origin, phoneNumber: PHONE }, phones, ['KR'])).toEqual({ kind: 'unchanged' });
    expect(decideSignUp({ origin, phoneNumber: undefined }, phones, ['KR'])).toEqual({ kind: 'unchanged' });
  });
});
