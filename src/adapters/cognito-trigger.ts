import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { AppError, ERROR_CODES } from '../domain/errors';
import type { SignedInUser } from '../domain/confirm-phone';
import type { Challenge } from '../domain/create-challenge';
import type { Decision } from '../domain/define-challenge';
import type { SignUpDecision, SignUpOrigin } from '../domain/pre-sign-up';
import { OTP_CHALLENGE, type Round } from '../domain/session';
import type { Verification } from '../domain/verify-answer';

/** Translates Cognito trigger events to domain inputs and domain results back to responses. */

export type TriggerEvent =
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | PreSignUpTriggerEvent
  | PostAuthenticationTriggerEvent;
export type TriggerSource = TriggerEvent['triggerSource'];

const TRIGGER_SOURCES: readonly string[] = [
  'DefineAuthChallenge_Authentication',
  'CreateAuthChallenge_Authentication',
  'VerifyAuthChallengeResponse_Authentication',
  'PreSignUp_SignUp',
  'PreSignUp_AdminCreateUser',
  'PreSignUp_ExternalProvider',
  'PostAuthentication_Authentication',
] satisfies TriggerSource[];

const SESSION_SOURCES: readonly string[] = ['DefineAuthChallenge_Authentication', 'CreateAuthChallenge_Authentication'];

/** The key under which Create hands the challenge state to this round's Verify. */
const STATE_PARAMETER = 'otpState';

/** Cognito sent an event this function cannot read; the message names the field, never its value. */
export class InvalidEventError extends AppError {
  override readonly name = 'InvalidEventError';
  readonly code = ERROR_CODES.invalidEvent;
  readonly userVisible = true;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the fields this function reads, so a malformed event fails with words, not a TypeError. */
export function parseTriggerEvent(event: unknown): TriggerEvent {
  if (!isObject(event) || typeof event.triggerSource !== 'string') {
    throw new InvalidEventError('event is not a Cognito trigger event: triggerSource is missing');
  }
  const source = event.triggerSource;
  if (!TRIGGER_SOURCES.includes(source)) throw new InvalidEventError(`unsupported triggerSource "${source.slice(0, 64)}"`);
  for (const field of ['userName', 'userPoolId', 'region'] as const) {
    if (typeof event[field] !== 'string') throw new InvalidEventError(`${source} event has no ${field}`);
  }
  const request = event.request;
  if (!isObject(request)) throw new InvalidEventError(`${source} event has no request`);
  if (request.userAttributes !== undefined && !isObject(request.userAttributes)) {
    throw new InvalidEventError(`${source} event has a request.userAttributes that is not an object`);
  }
  if (request.userNotFound !== undefined && typeof request.userNotFound !== 'boolean') {
    throw new InvalidEventError(`${source} event has a request.userNotFound that is not a boolean`);
  }
  if (SESSION_SOURCES.includes(source)) checkSession(source, request.session);
  if (source === 'CreateAuthChallenge_Authentication' && request.challengeName !== OTP_CHALLENGE) {
    throw new InvalidEventError(`${source} asked for challenge "${String(request.challengeName).slice(0, 64)}", not ${OTP_CHALLENGE}`);
  }
  if (source === 'VerifyAuthChallengeResponse_Authentication') {
    if (typeof request.challengeAnswer !== 'string') throw new InvalidEventError(`${source} event has no request.challengeAnswer`);
    if (!isObject(request.privateChallengeParameters)) {
      throw new InvalidEventError(`${source} event has no request.privateChallengeParameters`);
    }
  }
  if (!isObject(event.response)) event.response = {};
  return event as unknown as TriggerEvent;
}

function checkSession(source: string, session: unknown): void {
  if (!Array.isArray(session)) throw new InvalidEventError(`${source} event has no request.session array`);
  session.forEach((round: unknown, i) => {
    if (!isObject(round) || typeof round.challengeName !== 'string' || typeof round.challengeResult !== 'boolean') {
      throw new InvalidEventError(`${source} event has a malformed request.session[${i}]`);
    }
  });
}

const userId = (event: TriggerEvent): string => `${event.userPoolId}/${event.userName}`;
const attribute = (event: TriggerEvent, name: string): string | undefined => event.request.userAttributes?.[name];
const phoneOf = (event: TriggerEvent): string | undefined => attribute(event, 'phone_number');

export function defineInput(event: DefineAuthChallengeTriggerEvent) {
  return { session: event.request.session as Round[], userNotFound: event.request.userNotFound === true };
}

export function withDecision(event: DefineAuthChallengeTriggerEvent, decision: Decision): DefineAuthChallengeTriggerEvent {
  event.response = {
    ...(decision.kind === 'challenge' && { challengeName: OTP_CHALLENGE }),
    issueTokens: decision.kind === 'issue-tokens',
    failAuthentication: decision.kind === 'fail',
  };
  return event;
}

export function createInput(event: CreateAuthChallengeTriggerEvent) {
  return {
    userId: userId(event),
    phoneNumber: phoneOf(event),
    userNotFound: event.request.userNotFound === true,
    session: event.request.session as Round[],
  };
}

export function withChallenge(event: CreateAuthChallengeTriggerEvent, challenge: Challenge): CreateAuthChallengeTriggerEvent {
  event.response = {
    publicChallengeParameters: {
      phone: challenge.maskedPhone,
      codeLength: String(challenge.codeLength),
      attemptsLeft: String(challenge.attemptsLeft),
    },
    privateChallengeParameters: { [STATE_PARAMETER]: challenge.state },
    challengeMetadata: challenge.state,
  };
  return event;
}

export function verifyInput(event: VerifyAuthChallengeResponseTriggerEvent) {
  return {
    userId: userId(event),
    phoneNumber: phoneOf(event),
    userNotFound: event.request.userNotFound === true,
    answer: event.request.challengeAnswer,
    state: event.request.privateChallengeParameters[STATE_PARAMETER],
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

export function signUpInput(event: PreSignUpTriggerEvent): [SignUpOrigin, string | undefined] {
  return [ORIGINS[event.triggerSource], phoneOf(event)];
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
