export type Env = Readonly<Record<string, string | undefined>>;

/** The providers a setting can apply to; the function reads a provider's settings only when that provider is chosen. */
export const PROVIDERS = ['easyauth', 'sns', 'solapi', 'twilio', 'fake'] as const;
export type ProviderKind = (typeof PROVIDERS)[number];

/**
 * How one variable's text becomes a value. `accepts` is the phrase both the errors ("it accepts …")
 * and the table of docs/configuration.md use; `fallback` is the default, shown there; `input` is what the CDK side gives.
 */
export interface Reader<T, I = string> {
  readonly parse: (value: string | undefined, name: string) => T;
  readonly accepts: string;
  readonly fallback?: string | number;
  readonly input: 'text' | 'whole' | 'list';
  /** Fails when unset (and has no fallback). */
  readonly required?: boolean;
  /** Only for typing what the construct and the CDK context may pass. */
  readonly _input?: I;
}

/** One setting, described once: every reader, the construct's environment and docs/configuration.md derive from this. */
export interface Setting<T, I = string, C extends string | undefined = string | undefined, S extends boolean = boolean> {
  /** The environment variable the function reads. */
  readonly env: string;
  /** The CDK context key and construct setting that sets it; absent when the deployment sets it itself or it is for local runs. */
  readonly context?: C;
  /** The providers it applies to. @default every provider */
  readonly providers?: readonly ProviderKind[];
  /**
   * A secret: in Lambda the function reads it from Secrets Manager by its `*_SECRET_ID` (`secretIdVariable`), read once per cold start;
   * `context` then names the CDK context key for an existing secret's name or ARN.
   */
  readonly secret?: S;
  readonly reader: Reader<T, I>;
  /** The meaning column of docs/configuration.md's table. */
  readonly doc: string;
  /** The table's default column, when the reader's default does not say it all (who sets it, when it is required). */
  readonly shownDefault?: string;
}

/** Declares a setting, keeping the literal context key for the construct's types. */
export function setting<T, I, const C extends string | undefined = undefined, const S extends boolean = false>(
  definition: Setting<T, I, C, S>,
): Setting<T, I, C, S> {
  return definition;
}

/** The secret form of a setting's variable: `EASYAUTH_API_KEY` → `EASYAUTH_API_KEY_SECRET_ID`, `OTP_HMAC_SECRET` → `OTP_HMAC_SECRET_ID`. */
export const secretIdVariable = (definition: Pick<Setting<unknown>, 'env'>): string => `${definition.env.replace(/_SECRET$/, '')}_SECRET_ID`;

/** A variable's value, trimmed; empty counts as unset. */
export function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Reads one setting from the environment; a bad value throws a `ConfigError` naming its variable. */
export function readSetting<T, I>(env: Env, definition: Setting<T, I>): T {
  return definition.reader.parse(present(env, definition.env), definition.env);
}
