/**
 * An error as the Cognito JSON protocol sends it: HTTP 400, `x-amzn-ErrorType`, and
 * `{"__type", "message"}`. The SDK and Amplify raise it under `name = type`.
 */
export class CognitoError extends Error {
  constructor(
    readonly type: CognitoErrorType,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type CognitoErrorType =
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'InvalidLambdaResponseException'
  | 'MissingAuthenticationTokenException'
  | 'AccessDeniedException'
  | 'NotAuthorizedException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'UnexpectedLambdaException'
  | 'UnknownOperationException'
  | 'UserLambdaValidationException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException'
  | 'InternalErrorException';

export const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);
export const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message);

/** What Cognito answers when a trigger returns something other than the event with a fitting `response`. */
export const unrecognizableOutput = (trigger: string) => new CognitoError('InvalidLambdaResponseException', `Unrecognizable lambda output from ${trigger}`);

/** What Cognito answers when DefineAuthChallenge fails the sign-in, whatever the reason. */
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';
