import { type OtpPolicy } from '../domain/policy';
import type { BudgetLimits } from '../domain/send-budget';
import { ConfigError } from '../settings/config-error';
import { type LogLevel, SETTINGS } from '../settings/definitions';
import { type Env, present, readSetting, type Setting, wholeNumber } from '../settings/setting';

export { ConfigError } from '../settings/config-error';
export { type Env, present } from '../settings/setting';

export interface SmsSettings {
  readonly template: string;
  readonly appName: string;
  readonly webOtpDomain: string | undefined;
  readonly senderId: string | undefined;
  readonly originationNumber: string | undefined;
}

/** The SDK's own standard settings, read here so that a missing region fails the cold start, not the first SMS. */
export interface AwsClientSettings {
  readonly region: string;
  readonly endpoint: string | undefined;
}

export type ProviderConfig =
  | { readonly kind: 'easyauth'; readonly baseUrl: string; readonly apiKey: string }
  | { readonly kind: 'sns'; readonly sms: SmsSettings; readonly aws: AwsClientSettings }
  | { readonly kind: 'fake'; readonly outbox: string | undefined };

/** The verification ledger's table; the endpoint and region as the SDK would read them (credentials: Lambda's, from the environment). */
export interface LedgerSettings {
  readonly tableName: string;
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
  readonly budget: BudgetLimits;
  /** The environment the client reads its credentials from on each call (Lambda's own keys). */
  readonly credentialsEnv: Env;
}

export interface Config {
  readonly policy: OtpPolicy;
  /** OTP_HMAC_SECRET: keys the codes' proofs, the ledger's phone keys and unknown users' stand-ins. */
  readonly hmacSecret: Uint8Array;
  readonly ledger: LedgerSettings;
  readonly logLevel: LogLevel;
  readonly provider: ProviderConfig;
  /** The SDK's standard endpoint override for the user pool API; the region comes from each event. */
  readonly userPoolEndpoint: string | undefined;
}

/** Reads the environment once; any bad variable fails the cold start, named. Each setting is defined in src/settings/definitions.ts. */
export function readConfig(env: Env): Config {
  const read = <T, I>(definition: Setting<T, I>) => readSetting(env, definition);
  return {
    policy: {
      codeLength: read(SETTINGS.codeLength),
      maxAttempts: read(SETTINGS.maxAttempts),
      codeTtlSeconds: read(SETTINGS.codeTtlSeconds),
      resendIntervalSeconds: read(SETTINGS.resendIntervalSeconds),
      maxResendWaitSeconds: read(SETTINGS.maxResendWaitSeconds),
      maxSendsPerPhonePerDay: read(SETTINGS.maxSendsPerDay),
      maxResendsPerSignIn: read(SETTINGS.maxResendsPerSignIn),
    },
    hmacSecret: read(SETTINGS.hmacSecret),
    ledger: {
      tableName: read(SETTINGS.ledgerTable),
      region: present(env, SETTINGS.region.env),
      endpoint: read(SETTINGS.dynamoDbEndpoint),
      budget: {
        maxSendsPerRangePerHour: read(SETTINGS.maxSendsPerRangePerHour),
        smsBudgetPerHour: read(SETTINGS.smsBudgetPerHour),
        smsBudgetPerDay: read(SETTINGS.smsBudgetPerDay),
      },
      credentialsEnv: env,
    },
    logLevel: read(SETTINGS.logLevel),
    provider: readProvider(env),
    userPoolEndpoint: read(SETTINGS.userPoolEndpoint),
  };
}

function readProvider(env: Env): ProviderConfig {
  const kind = readSetting(env, SETTINGS.provider);
  switch (kind) {
    case 'easyauth':
      return { kind, baseUrl: readSetting(env, SETTINGS.easyAuthBaseUrl), apiKey: readSetting(env, SETTINGS.easyAuthApiKey) };
    case 'sns':
      return {
        kind,
        sms: smsSettings(env),
        aws: { region: readSetting(env, SETTINGS.region), endpoint: readSetting(env, SETTINGS.snsEndpoint) },
      };
    case 'fake':
      if (present(env, 'AWS_LAMBDA_FUNCTION_NAME') && !readSetting(env, SETTINGS.allowFakeSms)) {
        throw new ConfigError(
          SETTINGS.provider.env,
          `is "fake" inside Lambda: the fake sends no SMS; set ${SETTINGS.allowFakeSms.env}=true if that is really meant`,
        );
      }
      return { kind, outbox: readSetting(env, SETTINGS.fakeOutbox) };
  }
}

function smsSettings(env: Env): SmsSettings {
  const template = readSetting(env, SETTINGS.smsTemplate);
  const appName = readSetting(env, SETTINGS.appName);
  if (appName === undefined && template.includes('{app}')) {
    throw new ConfigError(SETTINGS.appName.env, 'is not set: it names your app in the SMS text ("{code} is your {app} verification code.")');
  }
  return {
    template,
    appName: appName ?? '',
    webOtpDomain: readSetting(env, SETTINGS.webOtpDomain),
    senderId: readSetting(env, SETTINGS.snsSenderId),
    originationNumber: readSetting(env, SETTINGS.snsOriginationNumber),
  };
}

/** A whole number from `min` to `max`, or `fallback` when unset: for the playground's own variables. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  return wholeNumber(min, max, fallback).parse(present(env, name), name);
}
