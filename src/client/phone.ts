/**
 * Phone numbers as people type them, made into the E.164 form Cognito wants. Browser-safe: libphonenumber-js only.
 * `010-1234-5678`, `01012345678`, `+82 10 1234 5678` and `+82 010-1234-5678` all become `+821012345678` with the
 * default country KR; the trunk `0` typed after `+82` is dropped rather than kept as a wrong number.
 */
import { type CountryCode, getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type Lang, WORDS } from './words';

export type { CountryCode };

export const DEFAULT_COUNTRY: CountryCode = 'KR';

/** Why a typed number was refused, so a page can say it in its own language. */
export type PhoneProblem = 'empty' | 'not-a-number' | 'invalid';

export type PhoneResult = { readonly ok: true; readonly e164: string } | { readonly ok: false; readonly problem: PhoneProblem; readonly words: string };

/**
 * Normalises what a person typed in `country` (when it has no `+`) to E.164, or says in words why it cannot, in
 * `lang` (English unless told).
 */
export function normalizePhone(typed: string, country: CountryCode = DEFAULT_COUNTRY, lang: Lang = 'en'): PhoneResult {
  const refuse = (problem: PhoneProblem): PhoneResult => ({ ok: false, problem, words: WORDS[lang].phoneProblem[problem] });
  const text = typed.trim();
  if (!text) return refuse('empty');
  // Only what phone numbers are written with; libphonenumber-js would otherwise find a number inside any text.
  if (!/^[+＋]?[\p{Nd}\s().\-–]+$/u.test(text)) return refuse('not-a-number');
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) return refuse('invalid');
  return { ok: true, e164: parsed.number };
}

/** Every country libphonenumber-js knows, with its calling code, for a country selector. */
export function countryCallingCodes(): readonly { readonly country: CountryCode; readonly callingCode: string }[] {
  return getCountries().map((country) => ({ country, callingCode: getCountryCallingCode(country) }));
}
