// The `max` metadata is the one that knows number types (premium-rate, toll-free, …); `min` and the package root do
// not, and `mobile` knows only mobile. It is about 157 KB of JSON and costs about 40 ms to import on a cold start.
import { type NumberType, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parsePhone, type PhoneNumber } from '../../domain/phone';
import type { PhoneInspection, PhoneInspector, PhoneKind } from '../../domain/phone-inspection';

const KINDS: Record<NonNullable<NumberType>, PhoneKind> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-or-mobile',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal',
  UAN: 'uan',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  TOLL_FREE: 'toll-free',
  PAGER: 'pager',
  VOICEMAIL: 'voicemail',
};

/** Inspects numbers with libphonenumber-js (Google's libphonenumber metadata). */
export class LibPhoneNumberInspector implements PhoneInspector {
  inspect(phone: PhoneNumber): PhoneInspection {
    const parsed = parsePhoneNumberFromString(phone);
    if (!parsed) return { country: undefined, callingCode: undefined, kind: 'unknown', valid: false };
    const type = parsed.getType();
    const valid = parsed.isValid();
    // libphonenumber drops what is no part of the number in E.164: a trunk `0` or a carrier code typed after the country code.
    const canonical = valid ? parsePhone(parsed.number) : undefined;
    return {
      country: parsed.country,
      callingCode: parsed.countryCallingCode,
      kind: type === undefined ? 'unknown' : KINDS[type],
      valid,
      ...(canonical && { canonical }),
    };
  }
}
