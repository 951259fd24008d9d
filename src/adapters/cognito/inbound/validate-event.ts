import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { AppError, ERROR_CODES } from '../../../domain/errors';

export type TriggerEvent =
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | PreSignUpTriggerEvent
  | PostAuthenticationTriggerEvent;
export type TriggerSource = TriggerEvent['triggerSource'];

/** Cognito's name for a challenge a custom-auth trigger makes: the one this function presents. */
export const OTP_CHALLENGE = 'CUSTOM_CHALLENGE';

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

/** Cognito sent an event this function cannot read; the message names the field, never its value. */
export class InvalidEventError extends AppError {
  override readonly name = 'InvalidEventError';
  readonly code = ERROR_CODES.invalidEvent;
  readonly userVisible = true;
  override readonly publicCode = 'invalid-event';
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
  if (request.clientMetadata !== undefined && request.clientMetadata !== null && !isObject(request.clientMetadata)) {
    throw new InvalidEventError(`${source} event has a request.clientMetadata that is not an object`);
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
