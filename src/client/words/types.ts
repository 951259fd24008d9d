import type { FailureCode } from '../../domain/public-failures';
import type { Refusal } from '../../domain/session';
import type { PhoneProblem } from '../phone';

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/**
 * What went wrong, for a person: every code the function may put in a trigger's error (FailureCode), and what
 * Cognito or Amplify themselves answer (the last wrong code, an expired or used session, no network, …).
 */
export type ClientFailureCode =
  FailureCode | 'no-attempts-left' | 'session-expired' | 'session-invalid' | 'not-confirmed' | 'sign-in-failed' | 'sign-up-failed' | 'unreachable' | 'unknown';

/** What a failure's words may name: what the function's own words said (the canonical number, the allowed countries). */
export interface FailureDetail {
  /** A number in the national form, e.g. the canonical spelling the backend asked for. */
  readonly phone?: string;
  /** Country names, in the page's language. */
  readonly countries?: readonly string[];
}

/** The labels of the sign-in form (the React component's, and any page's). */
export interface FormWords {
  readonly country: string;
  readonly phone: string;
  readonly phoneHint: string;
  readonly send: string;
  readonly code: string;
  readonly verify: string;
  readonly restart: string;
  readonly signOut: string;
  /** The resend button: counting down while the wait lasts. */
  resend(seconds: number): string;
  /** The code's validity, e.g. `2:59`, for the timer's label. */
  validity(clock: string): string;
}

/** Everything a sign-in says, in one language. */
export interface Words {
  readonly lang: Lang;
  readonly form: FormWords;
  readonly phoneProblem: Record<PhoneProblem, string>;
  /** A code is on its way to the number, shown as the user typed it. */
  codeSent(phone: string | undefined, digits: number | undefined): string;
  readonly codeReused: string;
  readonly resendSent: string;
  /** No code was sent; `wait` says when one can come (see `duration`), when known. */
  refused(refusal: Refusal | (string & {}) | undefined, wait: string | undefined): string;
  readonly expired: string;
  wrongCode(left: number | undefined): string;
  badCodeShape(digits: number | undefined): string;
  failure(code: ClientFailureCode, detail: FailureDetail): string;
  signedInAs(phone: string): string;
  readonly signedOut: string;
  /** `42 s`, `5 min`, `3 h 20 min`, as this language says them. */
  duration(seconds: number): string;
}
