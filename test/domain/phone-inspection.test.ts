import { describe, expect, it } from 'vitest';
import { FakePhoneInspector, KOREAN_MOBILE } from '../support/fake-phone-inspector';
import type { PhoneNumber } from '../../src/domain/phone';
import { canonicalPhone, DEFAULT_TEXTED_KINDS, mayTextWith, phoneRefusal, TEXTABLE_KINDS, type PhoneKind } from '../../src/domain/phone-inspection';

const PHONE = '+821012345678' as PhoneNumber;
const inspection = (kind: PhoneKind, overrides: Partial<typeof KOREAN_MOBILE> = {}) => ({ ...KOREAN_MOBILE, kind, ...overrides });

describe('phoneRefusal and the number types', () => {
  it.each(['mobile', 'fixed-or-mobile'] as const)('texts a %s number by default', (kind) => {
    expect(phoneRefusal(inspection(kind), ['KR'])).toBeUndefined();
  });

  it.each(['fixed-line', 'voip', 'personal', 'uan', 'unknown'] as const)('refuses a %s number by default as not-mobile, and texts it once allowed', (kind) => {
    expect(phoneRefusal(inspection(kind), ['KR'])).toBe('not-mobile');
    expect(phoneRefusal(inspection(kind), ['KR'], [...DEFAULT_TEXTED_KINDS, kind])).toBeUndefined();
  });

  it.each(['premium-rate', 'shared-cost', 'toll-free', 'pager', 'voicemail'] as const)(
    'refuses a %s number as number-type, whatever types are allowed',
    (kind) => {
      expect(phoneRefusal(inspection(kind), ['KR'], [...TEXTABLE_KINDS, kind])).toBe('number-type');
    },
  );

  it('refuses in order: invalid, then country, then the type', () => {
    expect(phoneRefusal(inspection('voip', { valid: false }), ['KR'])).toBe('invalid');
    expect(phoneRefusal(inspection('voip'), ['JP'])).toBe('country');
    expect(phoneRefusal(inspection('premium-rate'), ['KR'], ['mobile'])).toBe('number-type');
  });

  it('offers every kind but the unreachable ones to the setting', () => {
    expect(TEXTABLE_KINDS).toEqual(['mobile', 'fixed-or-mobile', 'fixed-line', 'voip', 'personal', 'uan', 'unknown']);
  });
});

describe('mayTextWith', () => {
  it('texts only what phoneRefusal lets through: the allowed countries and the texted types', () => {
    // Prepare
    const JAPANESE = '+819012345678' as PhoneNumber;
    const LANDLINE = '+82212345678' as PhoneNumber;
    const phones = new FakePhoneInspector({ [JAPANESE]: { ...KOREAN_MOBILE, country: 'JP', callingCode: '81' }, [LANDLINE]: inspection('fixed-line') });

    // Act
    const mayText = mayTextWith(phones, ['KR']);
    const mayTextLandlines = mayTextWith(phones, ['KR'], [...DEFAULT_TEXTED_KINDS, 'fixed-line']);

    // Assess
    expect([mayText(PHONE), mayText(JAPANESE), mayText(LANDLINE)]).toEqual([true, false, false]);
    expect([mayTextLandlines(PHONE), mayTextLandlines(JAPANESE), mayTextLandlines(LANDLINE)]).toEqual([true, false, true]);
  });
});

describe('canonicalPhone', () => {
  const phones = new FakePhoneInspector({
    '+8201012345678': { ...KOREAN_MOBILE, canonical: PHONE },
    '+820811012345678': { ...KOREAN_MOBILE, canonical: PHONE },
    '+8210123': { ...KOREAN_MOBILE, valid: false },
  });

  it('keeps a number already in its standard spelling', () => {
    expect(canonicalPhone(PHONE, phones)).toEqual({ phone: PHONE, inspection: { ...KOREAN_MOBILE, canonical: PHONE } });
  });

  it.each(['+8201012345678', '+820811012345678'])('brings %s to its standard spelling, inspected as that', (spelling) => {
    expect(canonicalPhone(spelling as PhoneNumber, phones).phone).toBe(PHONE);
  });

  it('keeps an invalid number as given (it is refused before any send)', () => {
    expect(canonicalPhone('+8210123' as PhoneNumber, phones)).toEqual({ phone: '+8210123', inspection: { ...KOREAN_MOBILE, valid: false } });
  });
});
