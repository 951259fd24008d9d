import type { Node } from 'constructs';
import { ALL_SETTINGS, SETTINGS } from '../src/settings/definitions';
import type { FunctionSettings } from './function-environment';

/** The providers the example app deploys: `fake` writes codes to the logs, so it is for tests and local runs. */
export const DEPLOYED_PROVIDERS = ['easyauth', 'sns', 'solapi', 'twilio'] as const;
export type DeployedProvider = (typeof DEPLOYED_PROVIDERS)[number];

/** The example app's settings, as given with `-c key=value` or in cdk.json's "context". */
export interface ExampleSettings {
  readonly provider: DeployedProvider;
  /** A second provider, of another kind (`otpFallbackProvider`): its secrets come from `secrets` too, its settings from `function`. */
  readonly fallbackProvider?: DeployedProvider;
  /** The function's settings, by context key (src/settings/definitions.ts); the construct checks them as the function will. */
  readonly function: FunctionSettings;
  /** Names or ARNs of existing secrets, by the context key of the secret setting; without one, the stack creates it. */
  readonly secrets: Readonly<Record<string, string | undefined>>;
  readonly authSessionMinutes?: number;
  readonly wafRateLimit?: number | false;
  readonly alarmEmail?: string;
}

/** The stack's own keys; the function's come from the settings registry. */
const STACK_KEYS = ['provider', 'authSessionMinutes', 'wafRateLimit', 'alarmEmail'] as const;
const FALLBACK_KEY = SETTINGS.fallbackProvider.context ?? 'otpFallbackProvider';
const FUNCTION_KEYS = ALL_SETTINGS.filter((definition) => definition.context !== undefined);

/** Every key the example app reads; any other key in the context is a typo and fails the synth. */
export const CONTEXT_KEYS: readonly string[] = [...STACK_KEYS, ...FUNCTION_KEYS.map((definition) => definition.context ?? '')];

class ContextError extends Error {
  override readonly name = 'ContextError';
  constructor(key: string, accepts: string) {
    super(`context ${key} ${accepts}`);
  }
}

/** Reads the example app's settings; a value of the wrong kind fails naming its key. Ranges are checked by the construct. */
export function readContext(node: Node): ExampleSettings {
  // CDK's own keys hold ':' or '@'; a plain camelCase key that is not ours is a typo.
  const unknown = Object.keys(node.getAllContext()).filter((key) => /^[a-z][A-Za-z]*$/.test(key) && !CONTEXT_KEYS.includes(key));
  if (unknown.length > 0) throw new ContextError(unknown.join(', '), `is not a setting: the settings are ${CONTEXT_KEYS.join(', ')}`);

  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new ContextError(key, `is ${JSON.stringify(value)}: it accepts a string`);
  };
  const whole = (key: string): number | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value)) return Number(value);
    throw new ContextError(key, `is "${value}": it accepts a whole number`);
  };
  /** A list: an array in cdk.json, or comma-separated text (`-c otpAllowedCountries=KR,JP`). */
  const list = (key: string): readonly string[] | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (!Array.isArray(value)) return text(key)?.split(',');
    if (value.every((item) => typeof item === 'string')) return value;
    throw new ContextError(key, `is ${JSON.stringify(value)}: it accepts an array of strings, or comma-separated text`);
  };
  const deployed = (key: string, value: string) => {
    if ((DEPLOYED_PROVIDERS as readonly string[]).includes(value)) return value as DeployedProvider;
    throw new ContextError(key, `is "${value}": it accepts ${DEPLOYED_PROVIDERS.join(', ')} (fake is for tests and local runs: it writes codes to the logs)`);
  };
  const provider = deployed('provider', text('provider') ?? 'easyauth');
  const fallback = text(FALLBACK_KEY);
  const fallbackProvider = fallback === undefined ? undefined : deployed(FALLBACK_KEY, fallback);
  const waf: unknown = node.tryGetContext('wafRateLimit');

  // Values of the function's settings are checked later by the function's own readers, through the construct.
  const functionSettings: Record<string, string | number | readonly string[]> = {};
  const secrets: Record<string, string> = {};
  const read = { whole, text, list };
  for (const { context: key = '', reader, secret } of FUNCTION_KEYS) {
    if (key === FALLBACK_KEY) continue; // a provider of its own, with secrets: the stack makes it the construct's provider.fallback
    const value = read[reader.input](key);
    if (value === undefined) continue;
    if (secret) secrets[key] = String(value);
    else functionSettings[key] = value;
  }

  return {
    provider,
    ...(fallbackProvider && { fallbackProvider }),
    function: functionSettings as FunctionSettings,
    secrets,
    authSessionMinutes: whole('authSessionMinutes'),
    wafRateLimit: waf === false || waf === 'false' || waf === 'off' ? false : whole('wafRateLimit'),
    alarmEmail: text('alarmEmail'),
  };
}
