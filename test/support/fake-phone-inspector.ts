import type { PhoneNumber } from '../../src/domain/phone';
import type { PhoneInspection, PhoneInspector } from '../../src/domain/phone-inspection';

export const KOREAN_MOBILE: PhoneInspection = { country: 'KR', callingCode: '82', kind: 'mobile', valid: true };

/**
 * The fake: every number is what `fallback` says (a valid Korean mobile), except those `known` lists. A valid number
 * is its own standard spelling unless its entry names another (`canonical`).
 */
export class FakePhoneInspector implements PhoneInspector {
  constructor(
    private readonly known: Readonly<Record<string, PhoneInspection>> = {},
    private readonly fallback: PhoneInspection = KOREAN_MOBILE,
  ) {}

  inspect(phone: PhoneNumber): PhoneInspection {
    const inspection = this.known[phone] ?? this.fallback;
    return inspection.valid && inspection.canonical === undefined ? { ...inspection, canonical: phone } : inspection;
  }
}
