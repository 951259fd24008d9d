declare const phoneBrand: unique symbol;
/** A phone number in E.164 form, e.g. +821012345678. */
export type PhoneNumber = string & { readonly [phoneBrand]: true };

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export function parsePhone(value: unknown): PhoneNumber | undefined {
  return typeof value === 'string' && E164_PATTERN.test(value) ? (value as PhoneNumber) : undefined;
}

/**
 * `+821012345678` with calling code `82` becomes `+82 ******5678`: safe for logs and for the client. The calling code
 * comes from a `PhoneInspection`; without one (a code no plan knows) the first two digits are hidden as `+**`.
 */
export function maskPhone(phone: PhoneNumber, callingCode: string | undefined): string {
  const digits = phone.slice(1);
  const known = callingCode !== undefined && callingCode !== '' && digits.startsWith(callingCode);
  const cc = known ? callingCode.length : 2;
  const national = digits.slice(cc);
  const shown = Math.min(4, Math.floor(national.length / 2));
  const masked = `${'*'.repeat(national.length - shown)}${national.slice(national.length - shown)}`;
  return `+${known ? callingCode : '**'} ${masked}`;
}

/** The shape of a masked number when there is no real one to show. */
export const UNKNOWN_MASKED_PHONE = '+** ********';

/**
 * How to write `typed` in its standard form `canonical`, without the number itself (these words reach the client, and
 * Lambda logs every error a trigger throws): the digits to leave out after the country code when that is the whole
 * difference (a trunk `0`, a carrier code such as `081`), and the standard form masked.
 */
export function standardFormHint(typed: PhoneNumber, canonical: PhoneNumber, callingCode: string | undefined): string {
  const masked = maskPhone(canonical, callingCode);
  const cc = callingCode ?? '';
  const typedNational = typed.slice(1 + cc.length);
  const national = canonical.slice(1 + cc.length);
  const extra = typedNational.slice(0, typedNational.length - national.length);
  const onlyPrefix = cc !== '' && typed.startsWith(`+${cc}`) && extra.length > 0 && extra.length <= 5 && typedNational.endsWith(national);
  return onlyPrefix ? `leave out "${extra}" after +${cc} (${masked})` : `write it as ${masked}, with + and the country code`;
}
