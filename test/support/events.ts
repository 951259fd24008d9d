import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import type { LambdaContext } from '../../src/router';

/** Events shaped as Cognito sends them (see the Cognito developer guide's trigger pages). */

export const PHONE = '+821012345678';
export const MASKED = '+82 ******5678';

type Session = DefineAuthChallengeTriggerEvent['request']['session'];
export type Round = Session[number];

interface EventOptions {
  session?: Session;
  userNotFound?: boolean;
  phone?: string | null;
}

/** The pool, user and app client every event here is about. */
export const POOL = { region: 'ap-northeast-2', userPoolId: 'ap-northeast-2_TestPool1' } as const;
export const USER_NAME = '7d8e9f00-1111-4222-8333-444455556666';
export const CLIENT_ID = '1example23456789';

/** The user's attributes as auth triggers see them: a confirmed user with a verified phone, unless told otherwise. */
export function userAttributes(options: Pick<EventOptions, 'userNotFound' | 'phone'> = {}): Record<string, string> {
  const attributes: Record<string, string> = options.userNotFound ? {} : { sub: USER_NAME, 'cognito:user_status': 'CONFIRMED', phone_number_verified: 'true' };
  if (!options.userNotFound && options.phone !== null) attributes.phone_number = options.phone ?? PHONE;
  return attributes;
}

function base(triggerSource: string, options: EventOptions) {
  return {
    version: '1',
    ...POOL,
    userName: USER_NAME,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: CLIENT_ID },
    triggerSource,
    request: {
      userAttributes: userAttributes(options),
      ...(options.userNotFound !== undefined && { userNotFound: options.userNotFound }),
    },
  };
}

export function defineEvent(options: EventOptions = {}): DefineAuthChallengeTriggerEvent {
  const event = base('DefineAuthChallenge_Authentication', options);
  return {
    ...event,
    request: { ...event.request, session: options.session ?? [] },
    response: { challengeName: undefined, issueTokens: false, failAuthentication: false },
  } as DefineAuthChallengeTriggerEvent;
}

export function createEvent(options: EventOptions = {}): CreateAuthChallengeTriggerEvent {
  const event = base('CreateAuthChallenge_Authentication', options);
  return {
    ...event,
    request: { ...event.request, challengeName: 'CUSTOM_CHALLENGE', session: options.session ?? [] },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' },
  } as unknown as CreateAuthChallengeTriggerEvent;
}

export function verifyEvent(
  answer: string,
  privateChallengeParameters: Record<string, string>,
  options: EventOptions = {},
): VerifyAuthChallengeResponseTriggerEvent {
  const event = base('VerifyAuthChallengeResponse_Authentication', options);
  return {
    ...event,
    request: { ...event.request, challengeAnswer: answer, privateChallengeParameters },
    response: { answerCorrect: false },
  } as unknown as VerifyAuthChallengeResponseTriggerEvent;
}

export function preSignUpEvent(
  triggerSource: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider',
  phone: string | null = PHONE,
): PreSignUpTriggerEvent {
  const event = base(triggerSource, { phone });
  const userAttributes = phone === null ? {} : { phone_number: phone };
  return {
    ...event,
    request: { userAttributes, validationData: {}, clientMetadata: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  } as PreSignUpTriggerEvent;
}

export function postAuthenticationEvent(phoneNumberVerified: 'true' | 'false' | undefined, phone: string | null = PHONE): PostAuthenticationTriggerEvent {
  const event = base('PostAuthentication_Authentication', { phone });
  const userAttributes: Record<string, string> = { ...event.request.userAttributes };
  if (phoneNumberVerified === undefined) delete userAttributes.phone_number_verified;
  else userAttributes.phone_number_verified = phoneNumberVerified;
  return { ...event, request: { userAttributes, newDeviceUsed: false, clientMetadata: {} }, response: {} } as PostAuthenticationTriggerEvent;
}

export function round(challengeResult: boolean, challengeMetadata?: string): Round {
  return { challengeName: 'CUSTOM_CHALLENGE', challengeResult, ...(challengeMetadata !== undefined && { challengeMetadata }) };
}

export function lambdaContext(remainingMs = 5000): LambdaContext {
  return { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', getRemainingTimeInMillis: () => remainingMs };
}
