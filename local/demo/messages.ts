/** What the demo page says, in words, for each outcome of a sign-in. Pure, so it is tested without a browser. */
import { parsePhone } from '../../src/domain/phone';

export const BAD_PHONE = 'That phone number is not in international format. Type + and the country code, then the number, e.g. +821012345678.';

/** People type "+82 10-1234-5678"; Cognito wants "+821012345678". */
export function normalizePhone(typed: string): string | undefined {
  return parsePhone(typed.replace(/[\s().-]/g, ''));
}

export function codeSent(parameters: Record<string, string> | undefined): string {
  const to = parameters?.phone ? ` to ${parameters.phone}` : '';
  const digits = parameters?.codeLength ? `${parameters.codeLength}-digit ` : '';
  return `We sent a ${digits}code${to}. In this playground, read it in the terminal.`;
}

export function wrongCode(attemptsLeft: string | undefined): string {
  const left = Number(attemptsLeft);
  if (!Number.isInteger(left) || left < 1) return 'That code is not right.';
  return `That code is not right. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`;
}

export function badCodeShape(codeLength: string | undefined): string {
  return codeLength ? `Type the ${codeLength}-digit code from the SMS, digits only.` : 'Type the code from the SMS, digits only.';
}

/** Cognito's one refusal type, told apart by its message. */
function notAuthorized(message: string): { text: string; restart: boolean } {
  // What DefineAuthChallenge's failAuthentication becomes: here, after the last wrong code.
  if (message === 'Incorrect username or password.') return { text: 'No attempts left. Send a new code to try again.', restart: true };
  // The sign-in session, not the code: each answer must come before the session of its round expires.
  if (/session is expired/i.test(message)) return { text: 'This sign-in took too long and has expired. Send a new code.', restart: true };
  if (/invalid session/i.test(message))
    return { text: 'This sign-in is no longer valid (its session was used already, or the playground restarted). Send a new code.', restart: true };
  return { text: `The pool refused this: ${message}`, restart: true };
}

/** An error from Amplify (its `name` is Cognito's error type) in words a person can act on. */
export function describeError(error: unknown): { text: string; restart: boolean } {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAuthorizedException') return notAuthorized(message);
  // Amplify's own error when it holds no sign-in in progress, e.g. after its 3-minute limit.
  if (name === 'SignInException') return { text: 'This sign-in has expired. Send a new code.', restart: true };
  if (name === 'InvalidParameterException' && /phone/i.test(message)) return { text: BAD_PHONE, restart: true };
  if (name === 'UserNotConfirmedException') {
    return { text: 'This number signed up but was never confirmed, so it cannot sign in yet.', restart: true };
  }
  if (name === 'UserLambdaValidationException') {
    // "CreateAuthChallenge failed with error could not send the verification code, try again shortly."
    const words = /failed with error (.*?)\.?$/.exec(message)?.[1] ?? message;
    return { text: `Sign-in failed: ${words}.`, restart: true };
  }
  if (name === 'NetworkError' || /fetch/i.test(message)) return { text: 'Cannot reach the local user pool. Is `npm start` still running?', restart: false };
  return { text: `Something went wrong: ${message}`, restart: false };
}
