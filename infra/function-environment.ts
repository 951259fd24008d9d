import { Token } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigError, readConfig } from '../src/adapters/runtime/config';
import { ALL_SETTINGS, SETTINGS } from '../src/settings/definitions';
import { type ProviderKind, secretIdVariable, type Setting } from '../src/settings/setting';

type Definition = (typeof SETTINGS)[keyof typeof SETTINGS];

/**
 * The function's settings the construct (and the CDK context) may set, by context key, each typed as its reader
 * takes it: every non-secret setting in src/settings/definitions.ts with a `context` key. Unset ones take the function's defaults.
 */
export type FunctionSettings = Omit<AllFunctionSettings, typeof FALLBACK_CONTEXT_KEY>;
type AllFunctionSettings = {
  readonly [D in Definition as D extends Setting<unknown, unknown, infer C extends string, false> ? C : never]?: D extends Setting<unknown, infer I>
    ? I
    : never;
};

/** The fallback is a provider with its own secrets: the construct sets OTP_FALLBACK_PROVIDER from `provider.fallback`, never from the settings. */
const FALLBACK_CONTEXT_KEY = 'otpFallbackProvider';

/** A second provider, of another kind, that sends when the first definitely sent nothing (docs/deployment.md). */
export type FallbackProviderProps = WithoutKeys<ProviderProps, 'hmacSecret' | 'fallback'> & {
  /** Settings of the fallback's own kind (`solapiSender`, `snsSenderId`, …), beside the construct's `settings`. @default none */
  readonly settings?: FunctionSettings;
};
type WithoutKeys<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every provider: the key of the verification ledger's phone hashes (and, where the function makes the codes, of their proofs). */
export interface HmacSecretProps {
  /** The secret keying the HMAC (32 bytes or more). @default a new generated 64-character secret */
  readonly hmacSecret?: ISecret;
  /** A provider of another kind that sends when this one definitely sent nothing; it shares the HMAC key. @default none */
  readonly fallback?: FallbackProviderProps;
}

/** EasyAuth sends and checks the codes; its API key is read from a secret at cold start. */
export interface EasyAuthProviderProps extends HmacSecretProps {
  readonly kind: 'easyauth';
  /** The secret holding the API key. @default a new secret holding no key yet, to be filled once after deploy */
  readonly apiKeySecret?: ISecret;
}

/** The function makes the codes and Amazon SNS texts them to phone numbers (never topics). */
export interface SnsProviderProps extends HmacSecretProps {
  readonly kind: 'sns';
}

/** Solapi texts codes made here: its API key and secret, and the codes' HMAC key. */
export interface SolapiProviderProps extends HmacSecretProps {
  readonly kind: 'solapi';
  /** The secret holding Solapi's API key. @default a new secret holding no key yet, to be filled once after deploy */
  readonly apiKeySecret?: ISecret;
  /** The secret holding Solapi's API secret, which signs each request. @default a new secret holding no value yet, to be filled once after deploy */
  readonly apiSecretSecret?: ISecret;
}

/** Twilio Verify sends and checks the codes. The settings' SID picks the pair: `twilioAccountSid` or `twilioApiKeySid`. */
export interface TwilioProviderProps extends HmacSecretProps {
  readonly kind: 'twilio';
  /** The auth token, with `twilioAccountSid`. @default a new secret holding no value yet, to be filled once after deploy */
  readonly authTokenSecret?: ISecret;
  /** The API key's secret, with `twilioApiKeySid`. @default as above */
  readonly apiKeySecret?: ISecret;
}

/** Deployed providers only: the `fake` provider writes codes into logs, so it is for tests and local runs. */
export type ProviderProps = EasyAuthProviderProps | SnsProviderProps | SolapiProviderProps | TwilioProviderProps;

/** One secret a provider reads: the setting it fills, the secret given for it, and how the construct creates it when none is. */
export interface ProviderSecret {
  readonly setting: Setting<unknown>;
  readonly given: ISecret | undefined;
  /** The construct id of the secret created, or imported by the example stack. */
  readonly id: string;
  /** `empty`: holds UNSET_SECRET_VALUE until its owner puts the value; `generated`: a random key only the function uses. */
  readonly create: 'empty' | 'generated';
}

/**
 * The secrets the function reads: the provider's own, then the HMAC key every provider needs (for sns, its only one),
 * then the fallback's own (it shares the HMAC key). No other provider's secret is made, passed or granted.
 */
export function providerSecrets(provider: ProviderProps, settings: FunctionSettings = {}): ProviderSecret[] {
  const primary = secretsOf(provider, settings);
  const { fallback } = provider;
  if (fallback === undefined) return primary;
  checkFallback(provider.kind, fallback, settings);
  const own = secretsOf({ ...fallback, fallback: undefined } as ProviderProps, { ...settings, ...fallback.settings });
  return [...primary, ...own.filter(({ setting }) => setting !== SETTINGS.hmacSecret)];
}

/** A fallback of the primary's own kind would fail the same way at the same time; its settings must be its kind's. */
function checkFallback(primary: ProviderKind, fallback: FallbackProviderProps, settings: FunctionSettings): void {
  if ((settings as Record<string, unknown>)[FALLBACK_CONTEXT_KEY] !== undefined) {
    throw new Error(`SmsOtpSignIn: settings.${FALLBACK_CONTEXT_KEY} is set: name the fallback as provider.fallback, with its secrets`);
  }
  if (fallback.kind === primary) {
    throw new Error(`SmsOtpSignIn: provider.fallback is "${fallback.kind}", the same as provider.kind: the fallback must be another provider`);
  }
  const foreign = ALL_SETTINGS.filter(
    ({ context }) => context !== undefined && (fallback.settings as Record<string, unknown> | undefined)?.[context] !== undefined,
  ).filter((definition) => !definition.providers?.includes(fallback.kind));
  if (foreign.length > 0) {
    const names = foreign.map(({ context }) => `provider.fallback.settings.${context}`).join(', ');
    throw new Error(`SmsOtpSignIn: ${names} ${foreign.length === 1 ? 'is not a setting' : 'are not settings'} of ${fallback.kind}: put it in settings`);
  }
}

function secretsOf(provider: ProviderProps, settings: FunctionSettings): ProviderSecret[] {
  const empty = (setting: Setting<unknown>, given: ISecret | undefined, id: string): ProviderSecret => ({ setting, given, id, create: 'empty' });
  const hmac = (given: ISecret | undefined): ProviderSecret => ({ setting: SETTINGS.hmacSecret, given, id: 'OtpHmacSecret', create: 'generated' });
  switch (provider.kind) {
    case 'easyauth':
      return [empty(SETTINGS.easyAuthApiKey, provider.apiKeySecret, 'EasyAuthApiKey'), hmac(provider.hmacSecret)];
    case 'sns':
      return [hmac(provider.hmacSecret)];
    case 'solapi':
      return [
        empty(SETTINGS.solapiApiKey, provider.apiKeySecret, 'SolapiApiKey'),
        empty(SETTINGS.solapiApiSecret, provider.apiSecretSecret, 'SolapiApiSecret'),
        hmac(provider.hmacSecret),
      ];
    case 'twilio':
      return settings.twilioApiKeySid === undefined
        ? [empty(SETTINGS.twilioAuthToken, provider.authTokenSecret, 'TwilioAuthToken'), hmac(provider.hmacSecret)]
        : [empty(SETTINGS.twilioApiKeySecret, provider.apiKeySecret, 'TwilioApiKeySecret'), hmac(provider.hmacSecret)];
  }
}

/** What the deployment itself gives the function, beside the settings. */
export interface FunctionResources {
  /** The verification ledger's table name (OTP_LEDGER_TABLE). */
  readonly ledgerTableName: string;
}

/** The id the function is given: the full ARN when known, else the name (a secret imported by name). */
export function secretId(secret: ISecret): string {
  return secret.secretFullArn ?? secret.secretName;
}

const appliesTo = (definition: Pick<Setting<unknown>, 'providers'>, kind: ProviderKind) => definition.providers?.includes(kind) ?? true;

/**
 * The function's environment: settings by value (those that apply to the provider or its fallback), secrets only by id,
 * `secrets` by the variable they fill (`EASYAUTH_API_KEY` → `EASYAUTH_API_KEY_SECRET_ID`), and what the deployment made.
 */
export function functionEnvironment(
  provider: ProviderProps,
  secrets: Readonly<Record<string, ISecret>>,
  resources: FunctionResources,
  settings: FunctionSettings = {},
): Record<string, string> {
  const { fallback } = provider;
  if (fallback !== undefined) checkFallback(provider.kind, fallback, settings);
  const given = { ...settings, ...fallback?.settings } as Readonly<Record<string, string | number | readonly string[] | undefined>>;
  const environment: Record<string, string> = { [SETTINGS.provider.env]: provider.kind, [SETTINGS.ledgerTable.env]: resources.ledgerTableName };
  if (fallback !== undefined) environment[SETTINGS.fallbackProvider.env] = fallback.kind;
  for (const [variable, secret] of Object.entries(secrets)) environment[secretIdVariable({ env: variable })] = secretId(secret);
  const kinds: ProviderKind[] = fallback === undefined ? [provider.kind] : [provider.kind, fallback.kind];
  for (const definition of ALL_SETTINGS) {
    if (definition.context === undefined || definition.secret || !kinds.some((kind) => appliesTo(definition, kind))) continue;
    const value = given[definition.context];
    // A list (otpAllowedCountries) reaches the function as its variable's comma-separated text.
    if (value !== undefined) environment[definition.env] = typeof value === 'object' ? value.join(',') : String(value);
  }
  checkAsTheFunctionWill(environment);
  return environment;
}

/**
 * Fails the synth with the words the cold start would fail with, by running the function's own
 * config reader on this environment; the secrets, the table name known only at deploy, and the region Lambda sets,
 * stood in for by well-formed values.
 */
function checkAsTheFunctionWill(environment: Record<string, string>): void {
  const known = Object.entries(environment).filter(([name, value]) => !name.endsWith('_SECRET_ID') && !Token.isUnresolved(value));
  const standIns = Object.fromEntries(
    ALL_SETTINGS.filter((definition) => definition.secret).map((definition) => [definition.env, 'checked-at-synth'.repeat(4)]),
  );
  try {
    // The ledger table's name is set by the construct from the table it makes (a token at synth).
    readConfig({ ...Object.fromEntries(known), ...standIns, [SETTINGS.ledgerTable.env]: 'ledger-table-named-at-deploy', [SETTINGS.region.env]: 'us-east-1' });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`SmsOtpSignIn: invalid setting: ${inPropNames(error.message)}`, { cause: error });
    throw error;
  }
}

/** The construct's setting for each variable it sets by value: `OTP_CODE_LENGTH` → `settings.otpCodeLength`. */
const PROP_NAMES = new Map(
  ALL_SETTINGS.flatMap(({ env, context, secret }) => (context === undefined || secret ? [] : [[env, `settings.${context}`] as const])),
);

/** The function's error in the words of the construct's user: the props they typed, not the variables those become. */
function inPropNames(message: string): string {
  return message.replace(/\b[A-Z][A-Z0-9_]+\b/g, (variable) => PROP_NAMES.get(variable) ?? variable);
}
