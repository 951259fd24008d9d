import type { LevelWithSilent } from 'pino';
import { DEFAULT_POLICY, type OtpPolicy } from '../domain/policy';

export type Env = Readonly<Record<string, string | undefined>>;

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
  | { readonly kind: 'sns'; readonly hmacSecret: Uint8Array; readonly sms: SmsSettings; readonly aws: AwsClientSettings }
  | { readonly kind: 'fake'; readonly outbox: string | undefined };

export interface Config {
  readonly policy: OtpPolicy;
  readonly logLevel: LevelWithSilent;
  readonly provider: ProviderConfig;
  /** The SDK's standard endpoint override for the user pool API; the region comes from each event. */
  readonly userPoolEndpoint: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(variable: string, accepts: string) {
    super(`${variable} ${accepts}`);
  }
}

const PROVIDERS = ['easyauth', 'sns', 'fake'] as const;
const DEFAULT_TEMPLATE = '{code} is your {app} verification code.';
const MIN_SECRET_BYTES = 32;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads the environment once; any bad variable fails the cold start, named. */
export function readConfig(env: Env): Config {
  return {
    policy: {
      codeLength: integer(env, 'OTP_CODE_LENGTH', DEFAULT_POLICY.codeLength, 4, 10),
      maxAttempts: integer(env, 'OTP_MAX_ATTEMPTS', DEFAULT_POLICY.maxAttempts, 1, 10),
      codeTtlSeconds: integer(env, 'OTP_CODE_TTL_SECONDS', DEFAULT_POLICY.codeTtlSeconds, 30, 600),
      resendIntervalSeconds: integer(env, 'OTP_RESEND_INTERVAL_SECONDS', DEFAULT_POLICY.resendIntervalSeconds, 0, 300),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    provider: readProvider(env),
    userPoolEndpoint: present(env, 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER'),
  };
}

function readProvider(env: Env): ProviderConfig {
  const kind = oneOf(env, 'OTP_PROVIDER', PROVIDERS);
  switch (kind) {
    case 'easyauth':
      return {
        kind,
        baseUrl: httpsUrl(env, 'EASYAUTH_BASE_URL', 'https://api.easyauth.co/v1'),
        apiKey: required(env, 'EASYAUTH_API_KEY', 'must hold the EasyAuth API key'),
      };
    case 'sns':
      return {
        kind,
        hmacSecret: hmacSecret(env),
        sms: smsSettings(env),
        aws: { region: required(env, 'AWS_REGION', 'names the region SNS sends from'), endpoint: present(env, 'AWS_ENDPOINT_URL_SNS') },
      };
    case 'fake':
      if (env.AWS_LAMBDA_FUNCTION_NAME && env.ALLOW_FAKE_SMS !== 'true') {
        throw new ConfigError('OTP_PROVIDER', 'is "fake" inside Lambda: the fake sends no SMS; set ALLOW_FAKE_SMS=true if that is really meant');
      }
      return { kind, outbox: present(env, 'FAKE_SMS_OUTBOX') };
  }
}

function hmacSecret(env: Env): Uint8Array {
  const secret = new TextEncoder().encode(required(env, 'OTP_HMAC_SECRET', `must hold a random secret of at least ${MIN_SECRET_BYTES} bytes`));
  if (secret.length < MIN_SECRET_BYTES) {
    throw new ConfigError('OTP_HMAC_SECRET', `is ${secret.length} bytes long: it needs at least ${MIN_SECRET_BYTES} (try \`openssl rand -base64 48\`)`);
  }
  return secret;
}

function smsSettings(env: Env): SmsSettings {
  const template = present(env, 'SMS_MESSAGE_TEMPLATE') ?? DEFAULT_TEMPLATE;
  if (!template.includes('{code}')) throw new ConfigError('SMS_MESSAGE_TEMPLATE', `is "${template}": it must contain {code}`);
  const appName = template.includes('{app}')
    ? required(env, 'APP_NAME', 'names your app in the SMS text ("{code} is your {app} verification code.")')
    : (present(env, 'APP_NAME') ?? '');
  return {
    template,
    appName,
    webOtpDomain: matching(
      env,
      'SMS_WEBOTP_DOMAIN',
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'a host name such as app.example.com',
    ),
    senderId: matching(env, 'SNS_SENDER_ID', /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, '1 to 11 letters and digits, at least one letter'),
    originationNumber: matching(env, 'SNS_ORIGINATION_NUMBER', /^\+[1-9]\d{6,14}$/, 'an E.164 number such as +18005550123'),
  };
}

function matching(env: Env, name: string, pattern: RegExp, accepts: string): string | undefined {
  const value = present(env, name);
  if (value === undefined || pattern.test(value)) return value;
  throw new ConfigError(name, `is "${value}": it accepts ${accepts}`);
}

export function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string, accepts: string): string {
  const value = present(env, name);
  if (value === undefined) throw new ConfigError(name, `is not set: it ${accepts}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback?: T): T {
  const value = present(env, name) ?? fallback;
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  const shown = value === undefined ? 'is not set' : `is "${value}"`;
  throw new ConfigError(name, `${shown}: it accepts ${allowed.join(', ')}`);
}

/** A whole number from `min` to `max`, or `fallback` when unset. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = present(env, name);
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (parsed >= min && parsed <= max) return parsed;
  throw new ConfigError(name, `is "${value}": it accepts a whole number from ${min} to ${max} (default ${fallback})`);
}

function httpsUrl(env: Env, name: string, fallback: string): string {
  const value = present(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is "${value}": it accepts an https:// URL`);
  }
  // Plain http would send the API key in clear; it is allowed only to this machine, for local runs.
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return value.replace(/\/+$/, '');
  throw new ConfigError(name, `is "${value}": it accepts an https:// URL (http:// only for localhost)`);
}
