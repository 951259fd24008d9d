/**
 * An error from Amplify (its `name` is Cognito's error type) as a code a page can say in its language. Cognito hands
 * a trigger's error over as text, "<Trigger> failed with error [code] words.": the code is read, the words are not
 * shown (they are English).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { readFailureMessage } from '../domain/public-failures';
import type { ClientFailureCode, FailureDetail, Lang } from './words';
import { isClientFailureCode, WORDS } from './words';

export interface ExplainedError {
  readonly code: ClientFailureCode;
  /** What the function's words named: the canonical number (E.164), the allowed countries (ISO codes). */
  readonly detail: { readonly phone?: string; readonly countries?: readonly string[] };
  /** The sign-in cannot go on: start again from the number. */
  readonly restart: boolean;
}

export function explainError(error: unknown): ExplainedError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const restart = (code: ClientFailureCode, detail: ExplainedError['detail'] = {}): ExplainedError => ({ code, detail, restart: true });
  switch (name) {
    case 'NotAuthorizedException':
      // What DefineAuthChallenge's failAuthentication becomes: here, after the last wrong code.
      if (message === 'Incorrect username or password.') return restart('no-attempts-left');
      if (/session is expired/i.test(message)) return restart('session-expired');
      return restart(/invalid session/i.test(message) ? 'session-invalid' : 'sign-in-failed');
    // Amplify's own error when it holds no sign-in in progress, e.g. after its 3-minute limit.
    case 'SignInException':
      return restart('session-expired');
    case 'UserNotConfirmedException':
      return restart('not-confirmed');
    case 'UserLambdaValidationException': {
      const failure = readFailureMessage(message);
      if (!failure || !isClientFailureCode(failure.code)) return restart(/^PreSignUp\b/.test(message) ? 'sign-up-failed' : 'sign-in-failed');
      return restart(failure.code, detailOf(failure.words));
    }
  }
  if (name === 'InvalidParameterException' && /phone/i.test(message)) return restart('sign-up-invalid');
  if (name === 'NetworkError' || /fetch/i.test(message)) return { code: 'unreachable', detail: {}, restart: false };
  return { code: 'unknown', detail: {}, restart: false };
}

/** The number (`+8210…`) and the country list (`(KR, JP)`) the function's words name, if any. */
function detailOf(words: string): ExplainedError['detail'] {
  const phone = /\+\d{6,15}/.exec(words)?.[0];
  const countries = /\(([A-Z]{2}(?:, [A-Z]{2})*)\)/.exec(words)?.[1]?.split(', ');
  return { ...(phone && { phone }), ...(countries && { countries }) };
}

/** The number as people there write it (`010-1234-5678`), or as given when it cannot be read. */
export function nationalPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** An error in words, in `lang`. */
export function describeError(error: unknown, lang: Lang): { readonly code: ClientFailureCode; readonly text: string; readonly restart: boolean } {
  const { code, detail, restart } = explainError(error);
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const shown: FailureDetail = {
    ...(detail.phone && { phone: nationalPhone(detail.phone) }),
    ...(detail.countries && { countries: detail.countries.map((country) => names.of(country) ?? country) }),
  };
  return { code, text: WORDS[lang].failure(code, shown), restart };
}
