import type { PhoneNumber } from '../../domain/phone';
import type { PhoneInspection, PhoneInspector } from '../../domain/phone-inspection';

export const KOREAN_MOBILE: PhoneInspection = { country: 'KR', callingCode: '82', kind: 'mobile', valid: true };

/** The fake: every number is what `fallback` says (a valid Korean mobile), except those `known` lists. */
export class FakePhoneInspector implements PhoneInspector {
  constructor(
    private readonly known: Readonly<Record<string, PhoneInspection>> = {},
    private readonly fallback: PhoneInspection = KOREAN_MOBILE,
  ) {}

  inspect(phone: PhoneNumber): PhoneInspection {
    return this.known[phone] ?? this.fallback;
  }
}
