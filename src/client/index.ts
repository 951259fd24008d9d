// cognito-sms-otp/client: small browser helpers. Nothing here imports aws-cdk-lib or the Lambda.
export { countryCallingCodes, type CountryCode, DEFAULT_COUNTRY, normalizePhone, type PhoneProblem, type PhoneResult } from './phone';
export { type Challenge, type Delivery, readChallenge, type Refusal } from './challenge';
export { answerChallenge, RESEND_ANSWER, resendCode, type SignInStep, startSignIn } from './sign-in';
export { throwAwayPassword } from './throw-away-password';
