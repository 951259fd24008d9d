// cognito-sms-otp/react: the sign-in flow as a hook, and an unstyled, accessible form on top of it. React is an
// optional peer dependency of the package; aws-amplify too (the default calls are the client's Amplify helpers).
export { codeFromTyped } from './code-input';
export { SmsSignIn, type SmsSignInProps } from './sms-sign-in';
export { type Notice, type SignedInPhone, type SignInCalls, type SmsSignInState, useSmsSignIn, type UseSmsSignInOptions } from './use-sms-sign-in';
