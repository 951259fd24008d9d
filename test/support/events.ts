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

function base(triggerSource: string, options: EventOptions) {
  const userAttributes: Record<string, string> = options.userNotFound
    ? {}
    : { sub: '7d8e9f00-1111-4222-8333-444455556666', 'cognito:user_status': 'CONFIRMED', phone_number_verified: 'true' };
  if (!options.userNotFound && options.phone !== null) userAttributes.phone_number = options.phone ?? PHONE;
  return {
    version: '1',
    region: 'ap-northeast-2',
    userPoolId: 'ap-northeast-2_TestPool1',
    userName: '7d8e9f00-1111-4222-8333-444455556666',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
    triggerSource,
    request: {
      userAttributes,
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
