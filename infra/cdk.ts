// The package's `cognito-sms-otp/cdk` entry: the construct and the types of its props.
export { type SecretToFill, SmsOtpSignIn, type SmsOtpSignInProps } from './sms-otp-sign-in';
export type {
  EasyAuthProviderProps,
  FallbackProviderProps,
  FunctionSettings,
  HmacSecretProps,
  ProviderProps,
  SnsProviderProps,
  SolapiProviderProps,
  TwilioProviderProps,
} from './function-environment';
export type { LedgerTable } from './ledger-table';
export type { SignInAlarms } from './sign-in-alarms';
