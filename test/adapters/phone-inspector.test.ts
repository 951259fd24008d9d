import { describe, expect, it } from 'vitest';
import { LibPhoneNumberInspector } from '../../src/adapters/phone/libphonenumber-inspector';
import type { PhoneNumber } from '../../src/domain/phone';
import { phoneRefusal } from '../../src/domain/phone-inspection';

const inspector = new LibPhoneNumberInspector();

/** One handset, +82 10 1234 5678, as E.164-shaped strings: standard, with the trunk 0, and with each carrier code 08x. */
const NINE_SPELLINGS = ['+821012345678', '+8201012345678', ...['081', '082', '083', '084', '086', '087', '088'].map((carrier) => `+82${carrier}1012345678`)];
const inspect = (phone: string) => inspector.inspect(phone as PhoneNumber);

describe('LibPhoneNumberInspector', () => {
  it('knows a Korean mobile number', () => {
    // Act
    const inspection = inspect('+821012345678');

    // Assess
    expect(inspection).toEqual({ country: 'KR', callingCode: '82', kind: 'mobile', valid: true, canonical: '+821012345678' });
  });

  it.each(NINE_SPELLINGS)('reads %s as the one Korean mobile +821012345678', (spelling) => {
    expect(inspect(spelling)).toMatchObject({ country: 'KR', kind: 'mobile', valid: true, canonical: '+821012345678' });
  });

  it.each([
    ['+82212345678', 'fixed-line', 'Seoul 02'],
    ['+823112345678', 'fixed-line', 'Gyeonggi 031'],
    ['+827012345678', 'voip', '070'],
    ['+825051234567', 'personal', '050x'],
    ['+8215881234', 'uan', '1588'],
    ['+8216441234', 'uan', '1644'],
  ])('types %s as %s (%s)', (phone, kind) => {
    expect(inspect(phone)).toMatchObject({ country: 'KR', kind, valid: true, canonical: phone });
  });

  it('gives no standard spelling for an invalid number', () => {
    expect(inspect('+82081012345678')).not.toHaveProperty('canonical');
  });

  it.each([
    ['+19005551234', 'US', 'premium-rate'],
    ['+18005551234', 'US', 'toll-free'],
    ['+82801234567', 'KR', 'toll-free'],
    ['+33810123456', 'FR', 'shared-cost'],
    ['+447640123456', 'GB', 'pager'],
  ])('tells the type of %s', (phone, country, kind) => {
    expect(inspect(phone)).toMatchObject({ country, kind, valid: true });
  });

  it.each([
    ['+881612345678', 'a satellite range'],
    ['+979123456789', 'international premium rate'],
  ])('gives no country for %s (%s)', (phone) => {
    expect(inspect(phone).country).toBeUndefined();
  });

  it.each(['+252123', '+112345678901234', '+8210123'])('finds %s invalid', (phone) => {
    expect(inspect(phone).valid).toBe(false);
  });
});

describe('phoneRefusal on real numbers, allowing KR', () => {
  it.each([
    ['+821012345678', undefined],
    ['+19005551234', 'country'],
    ['+881612345678', 'country'],
    ['+979123456789', 'country'],
    ['+252123', 'invalid'],
    ['+112345678901234', 'invalid'],
    ['+82801234567', 'number-type'],
    ['+82212345678', 'not-mobile'],
    ['+827012345678', 'not-mobile'],
    ['+825051234567', 'not-mobile'],
    ['+8215881234', 'not-mobile'],
  ])('%s → %s', (phone, refusal) => {
    expect(phoneRefusal(inspect(phone), ['KR'])).toBe(refusal);
  });

  it('refuses a US premium-rate number by type once the US is allowed', () => {
    expect(phoneRefusal(inspect('+19005551234'), ['KR', 'US'])).toBe('number-type');
  });
});
