/**
 * The passwordless steps over Amplify JS v6: sign up (if new) and start a sign-in, answer with the code, ask for a
 * new code. The caller configures Amplify; phone numbers arrive already normalised (see phone.ts).
 */
import { confirmSignIn, type SignInOutput, signIn, signUp } from 'aws-amplify/auth';
import { type Challenge, readChallenge } from './challenge';
import { throwAwayPassword } from './throw-away-password';

export type SignInStep = { readonly kind: 'challenge'; readonly challenge: Challenge } | { readonly kind: 'signed-in' };

/**
 * What a resend round answers. Amplify v6's confirmSignIn refuses an empty challengeResponse before any request
 * ("challengeResponse is required to confirmSignIn"), and Cognito's RespondToAuthChallenge for CUSTOM_CHALLENGE
 * takes ChallengeResponses USERNAME and ANSWER; so the answer is a fixed non-empty word. The backend knows the round
 * by clientMetadata `action: 'resend'` and never checks this word as a code, so it costs no attempt.
 */
export const RESEND_ANSWER = 'resend';

/** Signs a new number up (auto-confirmed by PreSignUp), then starts a custom-auth sign-in: the first code is sent. */
export async function startSignIn(phoneE164: string): Promise<SignInStep> {
  try {
    await signUp({ username: phoneE164, password: throwAwayPassword(), options: { userAttributes: { phone_number: phoneE164 } } });
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UsernameExistsException')) throw error; // a returning user: just sign in
  }
  return step(await signIn({ username: phoneE164, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }));
}

/** Answers the challenge with the code the user typed. */
export async function answerChallenge(code: string, clientMetadata?: Record<string, string>): Promise<SignInStep> {
  return step(await confirmSignIn({ challengeResponse: code, ...(clientMetadata && { options: { clientMetadata } }) }));
}

/** Asks for a new code within the same sign-in (contract B): a new code if a send is allowed, else the same one and the wait. */
export async function resendCode(): Promise<SignInStep> {
  return step(await confirmSignIn({ challengeResponse: RESEND_ANSWER, options: { clientMetadata: { action: 'resend' } } }));
}

function step(result: SignInOutput): SignInStep {
  if (result.isSignedIn) return { kind: 'signed-in' };
  const next = result.nextStep;
  if (next.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') return { kind: 'challenge', challenge: readChallenge(next.additionalInfo) };
  // PreSignUp confirms every sign-up from this client; an unconfirmed user means the pool was set up otherwise.
  if (next.signInStep === 'CONFIRM_SIGN_UP') throw Object.assign(new Error('This user is not confirmed.'), { name: 'UserNotConfirmedException' });
  throw new Error(`unexpected sign-in step ${next.signInStep}`);
}
