// cognito-sms-otp/client: small browser helpers. Nothing here imports aws-cdk-lib or the Lambda.
export { countryCallingCodes, type CountryCode, DEFAULT_COUNTRY, normalizePhone, type PhoneProblem, type PhoneResult } from './phone';
export { type Challenge, type Delivery, readChallenge, type Refusal } from './challenge';
export { answerChallenge, RESEND_ANSWER, resendCode, type SignInStep, startSignIn } from './sign-in';
export { throwAwayPassword } from './throw-away-password';
export { describeError, type ExplainedError, explainError, nationalPhone } from './explain-error';
export { type ClientFailureCode, clock, en, type FailureDetail, type FormWords, ko, type Lang, LANGS, pickLanguage, type Words, WORDS } from './words';
export { FAILURE_CODES, type FailureCode } from '../domain/public-failures';
export { REFUSALS } from '../domain/session';
