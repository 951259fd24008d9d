declare const phoneBrand: unique symbol;
/** A phone number in E.164 form, e.g. +821012345678. */
export type PhoneNumber = string & { readonly [phoneBrand]: true };

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export function parsePhone(value: unknown): PhoneNumber | undefined {
  return typeof value === 'string' && E164_PATTERN.test(value) ? (value as PhoneNumber) : undefined;
}

// ITU-T E.164 calling codes are prefix-free: 1 and 7 are the only one-digit codes,
// these are the two-digit ones, and every other code has three digits.
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);

function callingCodeLength(digits: string): number {
  if (digits[0] === '1' || digits[0] === '7') return 1;
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

/** `+821012345678` becomes `+82 ******5678`: safe for logs and for the client. */
export function maskPhone(phone: PhoneNumber): string {
  const digits = phone.slice(1);
  const cc = callingCodeLength(digits);
  const national = digits.slice(cc);
  const shown = Math.min(4, Math.floor(national.length / 2));
  return `+${digits.slice(0, cc)} ${'*'.repeat(national.length - shown)}${national.slice(national.length - shown)}`;
}

/** The shape of a masked number when there is no real one to show. */
export const UNKNOWN_MASKED_PHONE = '+** ********';
