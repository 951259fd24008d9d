import type { PhoneNumber } from './phone';

/**
 * What the numbering plan says a number is. The types that cannot receive a one-time code by SMS (or that bill the
 * sender, the heart of SMS pumping) are never texted; of the others, only the types a pool allows (by default mobile
 * numbers, and fixed-or-mobile where the plan cannot tell them apart) are.
 */
export type PhoneKind =
  'mobile' | 'fixed-line' | 'fixed-or-mobile' | 'voip' | 'personal' | 'uan' | 'premium-rate' | 'shared-cost' | 'toll-free' | 'pager' | 'voicemail' | 'unknown';

export interface PhoneInspection {
  /** ISO 3166-1 alpha-2 code, or undefined when the number belongs to no one country (e.g. +881 satellite, +979 premium). */
  readonly country: string | undefined;
  /** The E.164 country calling code without its plus (`82`), or undefined when the plan knows none. */
  readonly callingCode: string | undefined;
  readonly kind: PhoneKind;
  /** The number fits its country's plan (length and leading digits). */
  readonly valid: boolean;
  /**
   * The number's one standard E.164 spelling, for a valid number: `+8201012345678` and `+820811012345678` (a trunk
   * `0` or a carrier code after the country code) are both `+821012345678`. Absent for an invalid number.
   */
  readonly canonical?: PhoneNumber;
}

/** Tells what a number is, from a numbering-plan library kept up to date by others. */
export interface PhoneInspector {
  inspect(phone: PhoneNumber): PhoneInspection;
}

/** Why a number gets no code: outside the allowed countries, a type that cannot receive one, a type the pool does not text, or no real number. */
export type PhoneRefusal = 'invalid' | 'country' | 'number-type' | 'not-mobile';

/** Types that cannot receive an SMS or that cost the sender: never sent a code, whatever the settings. */
export const UNREACHABLE_KINDS: ReadonlySet<PhoneKind> = new Set<PhoneKind>(['premium-rate', 'shared-cost', 'toll-free', 'pager', 'voicemail']);

/** The types a pool may choose to text (OTP_ALLOWED_NUMBER_TYPES): every kind but the unreachable ones. */
export const TEXTABLE_KINDS = ['mobile', 'fixed-or-mobile', 'fixed-line', 'voip', 'personal', 'uan', 'unknown'] as const satisfies readonly PhoneKind[];
export type TextableKind = (typeof TEXTABLE_KINDS)[number];

/**
 * Texted by default: mobile numbers, and fixed-or-mobile where the plan cannot tell (the US, Canada, …). A Korean
 * landline (02, 031), VoIP (070), personal (050x) or UAN (1588, 1644) number takes no SMS, so it is refused.
 */
export const DEFAULT_TEXTED_KINDS: readonly TextableKind[] = ['mobile', 'fixed-or-mobile'];

/**
 * Pure: undefined when a code may go to this number. An invalid number is refused first, then the country, then a
 * type that can never take a code, then a type the pool does not text (`textedKinds`).
 */
export function phoneRefusal(
  inspection: PhoneInspection,
  allowedCountries: readonly string[],
  textedKinds: readonly PhoneKind[] = DEFAULT_TEXTED_KINDS,
): PhoneRefusal | undefined {
  if (!inspection.valid) return 'invalid';
  if (inspection.country === undefined || !allowedCountries.includes(inspection.country)) return 'country';
  if (UNREACHABLE_KINDS.has(inspection.kind)) return 'number-type';
  if (!textedKinds.includes(inspection.kind)) return 'not-mobile';
  return undefined;
}

/**
 * Pure: the rule CreateChallenge asks before it texts a number, from the pool's country allowlist and texted types
 * (a number it refuses gets no SMS; the refusal is told). The same rule PreSignUp applies, so sign-up and sign-in agree.
 */
export function mayTextWith(
  phones: PhoneInspector,
  allowedCountries: readonly string[],
  textedKinds: readonly PhoneKind[] = DEFAULT_TEXTED_KINDS,
): (phone: PhoneNumber) => boolean {
  return (phone) => phoneRefusal(phones.inspect(phone), allowedCountries, textedKinds) === undefined;
}

/** A number in the one spelling every rule keys by, with what the plan says of it. */
export interface CanonicalPhone {
  readonly phone: PhoneNumber;
  readonly inspection: PhoneInspection;
}

/**
 * The standard spelling of `phone`, so that the ledger, the number range, the budget and the provider see one
 * handset as one number however it was typed or imported. An invalid number keeps its spelling: it is refused
 * before anything is sent to it.
 */
export function canonicalPhone(phone: PhoneNumber, phones: PhoneInspector): CanonicalPhone {
  const given = phones.inspect(phone);
  if (given.canonical === undefined || given.canonical === phone) return { phone, inspection: given };
  return { phone: given.canonical, inspection: phones.inspect(given.canonical) };
}
