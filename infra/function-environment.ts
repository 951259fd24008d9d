import { Token } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigError, readConfig } from '../src/adapters/config';
import { ALL_SETTINGS, SETTINGS } from '../src/settings/definitions';
import { type ProviderKind, secretIdVariable, type Setting } from '../src/settings/setting';

type Definition = (typeof SETTINGS)[keyof typeof SETTINGS];

/**
 * The function's settings the construct (and the CDK context) may set, by context key, each typed as its reader
 * takes it: every non-secret setting in src/settings/definitions.ts with a `context` key. Unset ones take the function's defaults.
 */
export type FunctionSettings = {
  readonly [D in Definition as D extends Setting<unknown, unknown, infer C extends string, false> ? C : never]?: D extends Setting<unknown, infer I>
    ? I
    : never;
};

/** EasyAuth sends and checks the codes; its API key is read from a secret at cold start. */
export interface EasyAuthProviderProps {
  readonly kind: 'easyauth';
  /** The secret holding the API key. @default a new secret holding no key yet, to be filled once after deploy */
  readonly apiKeySecret?: ISecret;
}

/** The function makes the codes and Amazon SNS texts them to phone numbers (never topics). */
export interface SnsProviderProps {
  readonly kind: 'sns';
  /** The secret keying the codes' HMAC (32 bytes or more). @default a new generated 64-character secret */
  readonly hmacSecret?: ISecret;
}

/** Deployed providers only: the `fake` provider writes codes into logs, so it is for tests and local runs. */
export type ProviderProps = EasyAuthProviderProps | SnsProviderProps;

/** The setting each deployed provider's secret fills. */
export const PROVIDER_SECRET = { easyauth: SETTINGS.easyAuthApiKey, sns: SETTINGS.hmacSecret } as const;

/** The id the function is given: the full ARN when known, else the name (a secret imported by name). */
export function secretId(secret: ISecret): string {
  return secret.secretFullArn ?? secret.secretName;
}

const appliesTo = (definition: Pick<Setting<unknown>, 'providers'>, kind: ProviderKind) => definition.providers?.includes(kind) ?? true;

/** The function's environment: settings by value (those that apply to the provider), secrets only by id. */
export function functionEnvironment(provider: ProviderProps, secret: ISecret, settings: FunctionSettings = {}): Record<string, string> {
  const given = settings as Readonly<Record<string, string | number | undefined>>;
  const environment: Record<string, string> = {
    [SETTINGS.provider.env]: provider.kind,
    [secretIdVariable(PROVIDER_SECRET[provider.kind])]: secretId(secret),
  };
  for (const definition of ALL_SETTINGS) {
    if (definition.context === undefined || definition.secret || !appliesTo(definition, provider.kind)) continue;
    const value = given[definition.context];
    if (value !== undefined) environment[definition.env] = String(value);
  }
  checkAsTheFunctionWill(environment);
  return environment;
}

/**
 * Fails the synth with the words the cold start would fail with, by running the function's own
 * config reader on this environment; the secrets, and the region Lambda sets, stood in for by well-formed values.
 */
function checkAsTheFunctionWill(environment: Record<string, string>): void {
  const known = Object.entries(environment).filter(([name, value]) => !name.endsWith('_SECRET_ID') && !Token.isUnresolved(value));
  const standIns = Object.fromEntries(
    ALL_SETTINGS.filter((definition) => definition.secret).map((definition) => [definition.env, 'checked-at-synth'.repeat(4)]),
  );
  try {
    // The ledger table's name is set by the construct from the table it makes (a token at synth).
    readConfig({ [SETTINGS.ledgerTable.env]: 'checked-at-synth', ...Object.fromEntries(known), ...standIns, [SETTINGS.region.env]: 'us-east-1' });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`SmsOtpSignIn: invalid setting: ${error.message}`, { cause: error });
    throw error;
  }
}
