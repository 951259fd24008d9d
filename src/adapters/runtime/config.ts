import type { TextableKind } from '../../domain/phone-inspection';
import { type OtpPolicy } from '../../domain/policy';
import type { BudgetLimits } from '../../domain/send-budget';
import { type LogLevel, SETTINGS } from '../../settings/definitions';
import { type Env, present, readSetting, type Setting } from '../../settings/setting';
import { wholeNumber } from '../../settings/readers';
import type { AwsCredentials, AwsSettings } from '../aws/services';
import { type ProviderConfig, readFallbackProvider, readProvider } from './provider-config';
import type { BreakerLimits } from '../../domain/delivery';

export { ConfigError } from '../../settings/config-error';
export { type Env, present } from '../../settings/setting';

/** The verification ledger's table (reached through `Config.aws`, as every AWS service). */
export interface LedgerSettings {
  readonly tableName: string;
  readonly budget: BudgetLimits;
}

export interface Config {
  readonly policy: OtpPolicy;
  /** OTP_HMAC_SECRET: keys the codes' proofs, the ledger's phone keys and unknown users' stand-ins. */
  readonly hmacSecret: Uint8Array;
  readonly ledger: LedgerSettings;
  readonly logLevel: LogLevel;
  readonly provider: ProviderConfig;
  /** OTP_FALLBACK_PROVIDER with its own settings, and the breaker shared by every instance; absent without a fallback. */
  readonly fallback?: { readonly provider: ProviderConfig; readonly breaker: BreakerLimits };
  /** Where and as whom every AWS service is called: the ledger table, SNS, the user pool (in each event's region). */
  readonly aws: AwsSettings;
  /** OTP_ALLOWED_COUNTRIES: ISO 3166-1 alpha-2 codes whose numbers may sign up and get a code. */
  readonly allowedCountries: readonly string[];
  /** OTP_ALLOWED_NUMBER_TYPES: the number types that may sign up and get a code. */
  readonly allowedNumberTypes: readonly TextableKind[];
  /** OTP_METRICS_NAMESPACE: where the EMF metrics go. */
  readonly metricsNamespace: string;
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
      budget: {
        maxSendsPerRangePerHour: read(SETTINGS.maxSendsPerRangePerHour),
        smsBudgetPerHour: read(SETTINGS.smsBudgetPerHour),
        smsBudgetPerDay: read(SETTINGS.smsBudgetPerDay),
      },
    },
    logLevel: read(SETTINGS.logLevel),
    provider: readProvider(env),
    ...fallback(env),
    aws: readAwsSettings(env),
    allowedCountries: read(SETTINGS.allowedCountries),
    allowedNumberTypes: read(SETTINGS.allowedNumberTypes),
    metricsNamespace: read(SETTINGS.metricsNamespace),
  };
}

/** The fallback and its breaker; nothing without OTP_FALLBACK_PROVIDER. */
function fallback(env: Env): Pick<Config, 'fallback'> {
  const provider = readFallbackProvider(env);
  if (!provider) return {};
  const read = <T, I>(definition: Setting<T, I>) => readSetting(env, definition);
  return {
    fallback: {
      provider,
      breaker: {
        failures: read(SETTINGS.breakerFailures),
        windowSeconds: read(SETTINGS.breakerWindowSeconds),
        cooloffSeconds: read(SETTINGS.breakerCooloffSeconds),
      },
    },
  };
}

/**
 * Where and as whom AWS is called, as the SDK v3 reads it from the environment: the region from `AWS_REGION`; each
 * service's endpoint from its `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`; Lambda's keys. Also read by the
 * secrets reader before the rest of the configuration.
 */
export function readAwsSettings(env: Env): AwsSettings {
  const read = <T, I>(definition: Setting<T, I>) => readSetting(env, definition);
  const any = read(SETTINGS.awsEndpoint);
  const endpoint = (own: string | undefined) => own ?? any;
  return {
    region: read(SETTINGS.region),
    endpoints: {
      dynamodb: endpoint(read(SETTINGS.dynamoDbEndpoint)),
      secretsManager: endpoint(read(SETTINGS.secretsManagerEndpoint)),
      sns: endpoint(read(SETTINGS.snsEndpoint)),
      cognito: endpoint(read(SETTINGS.userPoolEndpoint)),
    },
    credentials: credentials(read(SETTINGS.awsAccessKeyId), read(SETTINGS.awsSecretAccessKey), read(SETTINGS.awsSessionToken)),
  };
}

function credentials(accessKeyId: string | undefined, secretAccessKey: string | undefined, sessionToken: string | undefined): AwsCredentials | undefined {
  if (!accessKeyId || !secretAccessKey) return undefined;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** A whole number from `min` to `max`, or `fallback` when unset: for the playground's own variables. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  return wholeNumber(min, max, fallback).parse(present(env, name), name);
}
