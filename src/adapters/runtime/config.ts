import type { TextableKind } from '../../domain/phone-inspection';
import { type OtpPolicy } from '../../domain/policy';
import type { BudgetLimits } from '../../domain/send-budget';
import { ConfigError } from '../../settings/config-error';
import { type LogLevel, SETTINGS, SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../settings/definitions';
import { type Env, present, readSetting, secretIdVariable, type Setting, wholeNumber } from '../../settings/setting';
import type { AwsCredentials, AwsSettings } from '../aws/services';
import { smsTemplateProblem } from '../providers/sms-bytes';

export { ConfigError } from '../../settings/config-error';
export { type Env, present } from '../../settings/setting';

export interface SmsSettings {
  readonly template: string;
  readonly appName: string;
  readonly webOtpDomain: string | undefined;
  readonly senderId: string | undefined;
  readonly originationNumber: string | undefined;
}

/** Solapi's settings, as the adapter takes them. */
export interface SolapiSettings {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** The sender number registered with Solapi (Korean law requires it), digits only, e.g. 0212345678. */
  readonly sender: string;
  /** @default https://api.solapi.com */
  readonly baseUrl: string;
  readonly appName: string;
  /** One template for every number; when unset, Korean for +82 numbers and English for the others. */
  readonly template: string | undefined;
}

export type ProviderConfig =
  | { readonly kind: 'easyauth'; readonly baseUrl: string; readonly apiKey: string }
  | { readonly kind: 'sns'; readonly sms: SmsSettings }
  | { readonly kind: 'solapi'; readonly solapi: SolapiSettings }
  | { readonly kind: 'twilio'; readonly twilio: TwilioConfig }
  | { readonly kind: 'fake'; readonly outbox: string | undefined };

/** Twilio Verify's settings (the adapter's `TwilioSettings`): one credential pair as HTTP Basic's user and password. */
export interface TwilioConfig {
  readonly baseUrl: string;
  readonly serviceSid: string;
  readonly username: string;
  readonly password: string;
  readonly locale: string | undefined;
}

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
    aws: readAwsSettings(env),
    allowedCountries: read(SETTINGS.allowedCountries),
    allowedNumberTypes: read(SETTINGS.allowedNumberTypes),
    metricsNamespace: read(SETTINGS.metricsNamespace),
  };
}

function readProvider(env: Env): ProviderConfig {
  const kind = readSetting(env, SETTINGS.provider);
  switch (kind) {
    case 'easyauth':
      return { kind, baseUrl: readSetting(env, SETTINGS.easyAuthBaseUrl), apiKey: readSetting(env, SETTINGS.easyAuthApiKey) };
    case 'sns':
      // A missing region fails the cold start, not the first SMS.
      if (readSetting(env, SETTINGS.region) === undefined) throw new ConfigError(SETTINGS.region.env, 'is not set: it names the region SNS sends from');
      return { kind, sms: smsSettings(env) };
    case 'solapi':
      return { kind, solapi: solapiConfig(env, readSetting(env, SETTINGS.codeLength)) };
    case 'twilio':
      return { kind, twilio: twilioConfig(env) };
    case 'fake':
      if (readSetting(env, SETTINGS.lambdaFunctionName) !== undefined && !readSetting(env, SETTINGS.allowFakeSms)) {
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

/** Solapi's settings, checked here so that a bad one fails the cold start, named. */
function solapiConfig(env: Env, codeLength: number): SolapiSettings {
  const appName = readSetting(env, SETTINGS.appName) ?? '';
  // Unset means the adapter's defaults (Korean to +82 numbers); set, it must still fit one SMS.
  const template = present(env, SETTINGS.smsTemplate.env) === undefined ? undefined : readSetting(env, SETTINGS.smsTemplate);
  for (const text of template === undefined ? [SOLAPI_KOREAN_TEMPLATE, SOLAPI_ENGLISH_TEMPLATE] : [template]) {
    if (appName === '' && text.includes('{app}')) {
      throw new ConfigError(SETTINGS.appName.env, `is not set: it names your app in the SMS text ("${text}")`);
    }
    const problem = smsTemplateProblem(text, appName, codeLength);
    if (problem) {
      const name = template === undefined ? SETTINGS.appName.env : SETTINGS.smsTemplate.env;
      throw new ConfigError(name, `makes the SMS "${text}" unsendable as one SMS: ${problem}`);
    }
  }
  return {
    apiKey: readSetting(env, SETTINGS.solapiApiKey),
    apiSecret: readSetting(env, SETTINGS.solapiApiSecret),
    sender: readSetting(env, SETTINGS.solapiSender),
    baseUrl: readSetting(env, SETTINGS.solapiBaseUrl),
    appName,
    template,
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

/** Exactly one credential pair: the account SID with its auth token, or an API key SID with its secret. */
function twilioConfig(env: Env): TwilioConfig {
  const accountSid = readSetting(env, SETTINGS.twilioAccountSid);
  const apiKeySid = readSetting(env, SETTINGS.twilioApiKeySid);
  if ((accountSid === undefined) === (apiKeySid === undefined)) {
    throw new ConfigError(
      SETTINGS.twilioAccountSid.env,
      `and ${SETTINGS.twilioApiKeySid.env} are ${accountSid === undefined ? 'both unset' : 'both set'}: set exactly one credential pair ` +
        `(${SETTINGS.twilioAccountSid.env} with ${SETTINGS.twilioAuthToken.env}, or ${SETTINGS.twilioApiKeySid.env} with ${SETTINGS.twilioApiKeySecret.env})`,
    );
  }
  const [username, sid, secret] =
    accountSid === undefined
      ? [apiKeySid ?? '', SETTINGS.twilioApiKeySid, SETTINGS.twilioApiKeySecret]
      : [accountSid, SETTINGS.twilioAccountSid, SETTINGS.twilioAuthToken];
  const password = readSetting(env, secret);
  if (password === undefined) throw new ConfigError(secret.env, `is not set: it pairs with ${sid.env} (in Lambda, by ${secretIdVariable(secret)})`);
  return {
    baseUrl: readSetting(env, SETTINGS.twilioVerifyBaseUrl),
    serviceSid: readSetting(env, SETTINGS.twilioServiceSid),
    username,
    password,
    locale: readSetting(env, SETTINGS.twilioVerifyLocale),
  };
}

/** A whole number from `min` to `max`, or `fallback` when unset: for the playground's own variables. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  return wholeNumber(min, max, fallback).parse(present(env, name), name);
}
