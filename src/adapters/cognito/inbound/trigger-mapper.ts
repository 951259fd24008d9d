import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import type { SignedInUser } from '../../../domain/confirm-phone';
import type { Challenge, CreateInput } from '../../../domain/create-challenge';
import type { Decision, DefineInput } from '../../../domain/define-challenge';
import type { SignUpDecision, SignUpOrigin, SignUpRequest } from '../../../domain/pre-sign-up';
import type { Round } from '../../../domain/session';
import type { Verification, VerifyInput } from '../../../domain/verify-answer';
import { decodeState, encodeState } from './challenge-state-codec';
import { OTP_CHALLENGE, type TriggerEvent } from './validate-event';

/** Translates validated Cognito trigger events to domain inputs, and domain results back to responses. */

/** The key under which Create hands the challenge state to this round's Verify. */
const STATE_PARAMETER = 'otpState';

type CognitoRound = DefineAuthChallengeTriggerEvent['request']['session'][number];

/** The client asked for a new code (contract B): clientMetadata `{ "action": "resend" }` on RespondToAuthChallenge. */
const asksResend = (event: TriggerEvent): boolean => (event.request as { clientMetadata?: Record<string, unknown> }).clientMetadata?.action === 'resend';
const attribute = (event: TriggerEvent, name: string): string | undefined => event.request.userAttributes?.[name];
const phoneOf = (event: TriggerEvent): string | undefined => attribute(event, 'phone_number');

/** Cognito's session as the domain's rounds: only our challenge's rounds carry a state, read from `challengeMetadata`. */
function rounds(session: readonly CognitoRound[]): Round[] {
  return session.map((round) => {
    if (round.challengeName !== OTP_CHALLENGE) return { challenge: 'other', result: round.challengeResult };
    const state = decodeState(round.challengeMetadata);
    return { challenge: 'otp', result: round.challengeResult, ...(state && { state }) };
  });
}

export function defineInput(event: DefineAuthChallengeTriggerEvent): DefineInput {
  return { session: rounds(event.request.session), userNotFound: event.request.userNotFound === true, resend: asksResend(event) };
}

export function withDecision(event: DefineAuthChallengeTriggerEvent, decision: Decision): DefineAuthChallengeTriggerEvent {
  event.response = {
    ...(decision.kind === 'challenge' && { challengeName: OTP_CHALLENGE }),
    issueTokens: decision.kind === 'issue-tokens',
    failAuthentication: decision.kind === 'fail',
  };
  return event;
}

export function createInput(event: CreateAuthChallengeTriggerEvent): CreateInput {
  return {
    userName: event.userName,
    phoneNumber: phoneOf(event),
    userNotFound: event.request.userNotFound === true,
    session: rounds(event.request.session),
    resend: asksResend(event),
  };
}

export function withChallenge(event: CreateAuthChallengeTriggerEvent, challenge: Challenge): CreateAuthChallengeTriggerEvent {
  const state = encodeState(challenge.state);
  event.response = {
    // Contract B: always these, all strings (Cognito's rule). No phone number, not even masked: for an unknown user it
    // could only be a stand-in or the typed digits, and either would tell who has an account. The client knows what it typed.
    publicChallengeParameters: {
      codeLength: String(challenge.codeLength),
      attemptsLeft: String(challenge.attemptsLeft),
      resendInSeconds: String(challenge.resendInSeconds),
      expiresInSeconds: String(challenge.expiresInSeconds),
      delivery: challenge.delivery,
      ...(challenge.refusal && { refusal: challenge.refusal }),
    },
    privateChallengeParameters: { [STATE_PARAMETER]: state },
    challengeMetadata: state,
  };
  return event;
}

export function verifyInput(event: VerifyAuthChallengeResponseTriggerEvent): VerifyInput {
  return {
    poolId: event.userPoolId,
    userName: event.userName,
    phoneNumber: phoneOf(event),
    userNotFound: event.request.userNotFound === true,
    answer: event.request.challengeAnswer,
    resend: asksResend(event),
    state: decodeState(event.request.privateChallengeParameters[STATE_PARAMETER]),
  };
}

export function withVerification(event: VerifyAuthChallengeResponseTriggerEvent, verification: Verification): VerifyAuthChallengeResponseTriggerEvent {
  event.response = { answerCorrect: verification.verdict === 'correct' };
  return event;
}

const ORIGINS: Record<PreSignUpTriggerEvent['triggerSource'], SignUpOrigin> = {
  PreSignUp_SignUp: 'self',
  PreSignUp_AdminCreateUser: 'admin',
  PreSignUp_ExternalProvider: 'external',
};

export function signUpInput(event: PreSignUpTriggerEvent): SignUpRequest {
  const clientId = event.callerContext?.clientId;
  // Cognito names no client for an administrator's or a federated sign-up ("CLIENT_ID_NOT_APPLICABLE").
  const client =
    typeof clientId === 'string' && clientId !== '' && clientId !== 'CLIENT_ID_NOT_APPLICABLE'
      ? { poolId: event.userPoolId, clientId, region: event.region }
      : undefined;
  return { origin: ORIGINS[event.triggerSource], phoneNumber: phoneOf(event), client };
}

export function withSignUpDecision(event: PreSignUpTriggerEvent, decision: SignUpDecision): PreSignUpTriggerEvent {
  if (decision.kind === 'confirm-unverified') {
    event.response = { ...event.response, autoConfirmUser: true, autoVerifyPhone: false };
  }
  return event;
}

export function signedInUser(event: PostAuthenticationTriggerEvent): SignedInUser {
  return {
    poolId: event.userPoolId,
    userName: event.userName,
    region: event.region,
    phoneNumber: phoneOf(event),
    phoneNumberVerified: attribute(event, 'phone_number_verified'),
  };
}
