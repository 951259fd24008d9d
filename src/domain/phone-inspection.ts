import type { PhoneNumber } from './phone';

/**
 * What the numbering plan says a number is. The types that cannot receive a one-time code by SMS (or that bill the
 * sender, the heart of SMS pumping) are refused; the others pass, `unknown` included, since a plan that does not say
 * is no proof of fraud.
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
}

/** Tells what a number is, from a numbering-plan library kept up to date by others. */
export interface PhoneInspector {
  inspect(phone: PhoneNumber): PhoneInspection;
}

/** Why a number gets no code: outside the allowed countries, a type that cannot receive one, or no real number. */
export type PhoneRefusal = 'invalid' | 'country' | 'number-type';

/** Types that cannot receive an SMS or that cost the sender: never sent a code. */
export const UNREACHABLE_KINDS: ReadonlySet<PhoneKind> = new Set<PhoneKind>(['premium-rate', 'shared-cost', 'toll-free', 'pager', 'voicemail']);

/** Pure: undefined when a code may go to this number. An invalid number is refused first, then the country, then the type. */
export function phoneRefusal(inspection: PhoneInspection, allowedCountries: readonly string[]): PhoneRefusal | undefined {
  if (!inspection.valid) return 'invalid';
  if (inspection.country === undefined || !allowedCountries.includes(inspection.country)) return 'country';
  if (UNREACHABLE_KINDS.has(inspection.kind)) return 'number-type';
  return undefined;
}
