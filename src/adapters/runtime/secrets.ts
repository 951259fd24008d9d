import { UNSET_SECRET_VALUE } from './unset-secret';
import { callJson, JSON_PROTOCOLS } from '../aws/json-protocol';
import { awsTarget } from '../aws/services';
import { readAwsSettings } from './config';
import { failureReason } from '../http/call-failure';
import { ConfigError } from '../../settings/config-error';
import { ALL_SETTINGS, SETTINGS } from '../../settings/definitions';
import { type Env, present, secretIdVariable } from '../../settings/setting';

/** Settings that Lambda reads from Secrets Manager by id, beside their plain form for local runs. */
const SECRET_SETTINGS = ALL_SETTINGS.filter((definition) => definition.secret).map((definition) => ({
  variable: definition.env,
  idVariable: secretIdVariable(definition),
  providers: definition.providers,
}));

/** How long a cold start waits for Secrets Manager: Cognito gives the whole trigger about 5 s. */
const SECRET_READ_TIMEOUT_MS = 3000;

/**
 * A copy of `env` with every `*_SECRET_ID` resolved into its plain variable, read once, before
 * `readConfig` runs. Without any `*_SECRET_ID` it returns `env` as it is and calls nothing.
 */
export async function withSecrets(env: Env): Promise<Env> {
  // Only the secrets of the providers in use (OTP_PROVIDER's and OTP_FALLBACK_PROVIDER's), beside the shared ones.
  const inUse = [present(env, SETTINGS.provider.env), present(env, SETTINGS.fallbackProvider.env)];
  const wanted = SECRET_SETTINGS.filter(({ variable, idVariable, providers }) => {
    if (providers && !providers.some((provider) => inUse.includes(provider))) return false;
    if (!present(env, idVariable)) return false;
    if (present(env, variable)) {
      throw new ConfigError(idVariable, `and ${variable} are both set: set only one (the secret's id in Lambda, the plain value for local runs)`);
    }
    return true;
  });
  if (wanted.length === 0) return env;

  // Read once, at cold start, in parallel, through the light signed client (no SDK to load): the values
  // live on in the configuration, and that is the whole cache.
  // The endpoint, region and keys come from the same environment, through the same settings as the rest.
  const target = awsTarget('secretsManager', readAwsSettings(env));
  const signal = AbortSignal.timeout(SECRET_READ_TIMEOUT_MS);
  const read = async (secretId: string) =>
    (await callJson(target, JSON_PROTOCOLS.secretsManager, 'GetSecretValue', { SecretId: secretId }, signal)).SecretString;
  const values = await Promise.all(wanted.map(({ idVariable }) => readSecret(read, idVariable, present(env, idVariable) ?? '')));

  const filled: Record<string, string | undefined> = { ...env };
  wanted.forEach(({ variable }, index) => (filled[variable] = values[index]));
  return filled;
}

async function readSecret(read: (secretId: string) => Promise<unknown>, idVariable: string, secretId: string): Promise<string> {
  let value: unknown;
  try {
    value = await read(secretId);
  } catch (error) {
    // Only the error's code: Secrets Manager's messages name the role and the resource.
    throw new ConfigError(idVariable, `is "${secretId}": reading it from Secrets Manager failed (${failureReason(error)})`);
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(idVariable, `is "${secretId}": the secret holds no text value; put one with aws secretsmanager put-secret-value`);
  }
  if (value === UNSET_SECRET_VALUE) {
    throw new ConfigError(
      idVariable,
      `is "${secretId}": the secret was created empty and still is; put the value with aws secretsmanager put-secret-value --secret-id ${secretId} --secret-string …`,
    );
  }
  return value.trim();
}
