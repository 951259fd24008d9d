import { Token } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigError, readConfig } from '../src/adapters/config';

/** How often and how long codes are sent and accepted; unset values take the function's defaults. */
export interface OtpSettings {
  readonly codeLength?: number;
  readonly maxAttempts?: number;
  readonly codeTtlSeconds?: number;
  readonly resendIntervalSeconds?: number;
}

/** EasyAuth sends and checks the codes; its API key is read from a secret at cold start. */
export interface EasyAuthProviderProps {
  readonly kind: 'easyauth';
  /** The secret holding the API key. @default a new secret holding no key yet, to be filled once after deploy */
  readonly apiKeySecret?: ISecret;
  /** EasyAuth's API root (`EASYAUTH_BASE_URL`). @default EasyAuth's public API */
  readonly baseUrl?: string;
}

/** The function makes the codes and Amazon SNS texts them to phone numbers (never topics). */
export interface SnsProviderProps {
  readonly kind: 'sns';
  /** The secret keying the codes' HMAC (32 bytes or more). @default a new generated 64-character secret */
  readonly hmacSecret?: ISecret;
  /** The SMS sender ID (`SNS_SENDER_ID`), 1 to 11 letters and digits, where the destination country supports it. @default none */
  readonly senderId?: string;
  /** The number the SMS comes from (`SNS_ORIGINATION_NUMBER`), E.164. @default none: SNS chooses */
  readonly originationNumber?: string;
  /** The SMS text (`SMS_MESSAGE_TEMPLATE`), containing `{code}`. @default `{code} is your {app} verification code.` */
  readonly messageTemplate?: string;
  /** Your app's name in the SMS (`APP_NAME`); required when the template uses `{app}`. @default none */
  readonly appName?: string;
  /** A host name (`SMS_WEBOTP_DOMAIN`) the SMS ends with, so that browsers and Android fill the code in. @default none */
  readonly webOtpDomain?: string;
}

/** Deployed providers only: the `fake` provider writes codes into logs, so it is for tests and local runs. */
export type ProviderProps = EasyAuthProviderProps | SnsProviderProps;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The id the function is given: the full ARN when known, else the name (a secret imported by name). */
export function secretId(secret: ISecret): string {
  return secret.secretFullArn ?? secret.secretName;
}

/** The function's environment: settings by value, secrets only by id. */
export function functionEnvironment(provider: ProviderProps, secret: ISecret, otp: OtpSettings = {}, logLevel?: LogLevel): Record<string, string> {
  const settings: Record<string, string | number | undefined> = {
    OTP_PROVIDER: provider.kind,
    OTP_CODE_LENGTH: otp.codeLength,
    OTP_MAX_ATTEMPTS: otp.maxAttempts,
    OTP_CODE_TTL_SECONDS: otp.codeTtlSeconds,
    OTP_RESEND_INTERVAL_SECONDS: otp.resendIntervalSeconds,
    LOG_LEVEL: logLevel,
    ...(provider.kind === 'easyauth'
      ? { EASYAUTH_API_KEY_SECRET_ID: secretId(secret), EASYAUTH_BASE_URL: provider.baseUrl }
      : {
          OTP_HMAC_SECRET_ID: secretId(secret),
          SNS_SENDER_ID: provider.senderId,
          SNS_ORIGINATION_NUMBER: provider.originationNumber,
          SMS_MESSAGE_TEMPLATE: provider.messageTemplate,
          APP_NAME: provider.appName,
          SMS_WEBOTP_DOMAIN: provider.webOtpDomain,
        }),
  };
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings)) if (value !== undefined) environment[name] = String(value);
  checkAsTheFunctionWill(environment);
  return environment;
}

/**
 * Fails the synth with the words the cold start would fail with, by running the function's own
 * config reader on this environment; the secrets, and the region Lambda sets, stood in for by well-formed values.
 */
function checkAsTheFunctionWill(environment: Record<string, string>): void {
  const known = Object.entries(environment).filter(([name, value]) => !name.endsWith('_SECRET_ID') && !Token.isUnresolved(value));
  try {
    readConfig({ ...Object.fromEntries(known), AWS_REGION: 'us-east-1', EASYAUTH_API_KEY: 'checked-at-synth', OTP_HMAC_SECRET: 'checked-at-synth'.repeat(4) });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`SmsOtpSignIn: invalid setting: ${error.message}`, { cause: error });
    throw error;
  }
}
