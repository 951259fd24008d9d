import { SignUpRefusedError } from '../../../domain/errors';
import type { SignUpDecision } from '../../../domain/pre-sign-up';

/** A refused sign-up as the error Cognito shows: "PreSignUp failed with error <message>." */
export function signUpRefusal(decision: Extract<SignUpDecision, { kind: 'refused' }>): SignUpRefusedError {
  return new SignUpRefusedError(decision.reason, decision.allowedCountries, decision.standardForm);
}
