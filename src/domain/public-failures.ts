/**
 * What a user may be told went wrong, as stable codes. Cognito hands a trigger's error to the client only as text
 * ("<Trigger> failed with error <message>."), so the message starts with the code in brackets, `[code] words`: a
 * client reads the code and says it in the user's language (cognito-sms-otp/client); the words stay for any other.
 * Challenges that are refused carry their own code in the public `refusal` parameter (session.ts's REFUSALS).
 */
import { SIGN_UP_REFUSAL_REASONS, type SignUpRefusalReason } from './errors';

/** Failures of the sign-in itself, and refusals of one user by the provider (e.g. Twilio's own limits). */
const SIGN_IN_FAILURES = [
  'invalid-phone',
  'challenge-state',
  'invalid-event',
  'unavailable',
  'send-failed',
  'verify-failed',
  'internal',
  'too-many-checks',
  'too-many-sends',
  'number-blocked',
  'country-blocked',
  'busy',
] as const;

export type SignUpFailureCode = `sign-up-${SignUpRefusalReason}`;
export type FailureCode = (typeof SIGN_IN_FAILURES)[number] | SignUpFailureCode;

export const signUpFailureCode = (reason: SignUpRefusalReason): SignUpFailureCode => `sign-up-${reason}`;

/** Every code a trigger's error may carry: the client must have words for each. */
export const FAILURE_CODES: readonly FailureCode[] = [...SIGN_IN_FAILURES, ...SIGN_UP_REFUSAL_REASONS.map(signUpFailureCode)];

/** The message a trigger throws: the code, then words in English for a client that does not read codes. */
export const failureMessage = (code: FailureCode, words: string): string => `[${code}] ${words}`;

/**
 * The code and words of a trigger's message, as Cognito passes it on; undefined when it carries none. The code is
 * not checked against FAILURE_CODES: a newer backend may send one this client has no words for, or the reverse.
 */
export function readFailureMessage(message: string): { readonly code: string; readonly words: string } | undefined {
  const match = /\[([a-z][a-z-]*)\] ?(.*?)\.?$/s.exec(message);
  return match?.[1] ? { code: match[1], words: match[2] ?? '' } : undefined;
}
