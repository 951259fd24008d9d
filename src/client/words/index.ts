/** What a sign-in says, in Korean and English: the strings ship with the package, so a page need not write its own. */
import { en, FAILURES } from './en';
import { ko } from './ko';
import type { ClientFailureCode, Lang, Words } from './types';

export { en, ko };
export type { ClientFailureCode, FailureDetail, FormWords, Lang, Words } from './types';
export { LANGS } from './types';

export const WORDS: Readonly<Record<Lang, Words>> = { ko, en };

/** Korean for a browser that prefers Korean (ko, ko-KR), English for English, else `fallback`. */
export function pickLanguage(preferred: readonly string[], fallback: Lang = 'en'): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return fallback;
}

/** A countdown as Korean apps show it: `3:00`, `0:09`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Whether this client has words for a code a trigger's error carried. */
export const isClientFailureCode = (code: string): code is ClientFailureCode => Object.hasOwn(FAILURES, code);
