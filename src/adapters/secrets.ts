import { ConfigError } from '../settings/config-error';
import { ALL_SETTINGS } from '../settings/definitions';
import { type Env, present, secretIdVariable } from '../settings/setting';

/** Settings that Lambda reads from Secrets Manager by id, beside their plain form for local runs. */
const SECRET_SETTINGS = ALL_SETTINGS.filter((definition) => definition.secret).map((definition) => ({
  variable: definition.env,
  idVariable: secretIdVariable(definition),
}));

/**
 * What a secret created by the infrastructure holds until its owner puts the real value in:
 * a cold start that reads it fails saying how to fill it, rather than calling a provider with it.
 */
export const UNSET_SECRET_VALUE = 'unset: put the real value with aws secretsmanager put-secret-value';

/**
 * A copy of `env` with every `*_SECRET_ID` resolved into its plain variable, read once, before
 * `readConfig` runs. Without any `*_SECRET_ID` it returns `env` as it is and loads no AWS SDK.
 */
export async function withSecrets(env: Env): Promise<Env> {
  const wanted = SECRET_SETTINGS.filter(({ variable, idVariable }) => {
    if (!present(env, idVariable)) return false;
    if (present(env, variable)) {
      throw new ConfigError(idVariable, `and ${variable} are both set: set only one (the secret's id in Lambda, the plain value for local runs)`);
    }
    return true;
  });
  if (wanted.length === 0) return env;

  // Imported only here, so that a cold start without secrets never loads the SDK. The values are
  // read once, at cold start, and live on in the configuration: that is the whole cache.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  const read = async (secretId: string) => (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
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
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ConfigError(idVariable, `is "${secretId}": reading it from Secrets Manager failed (${reason})`);
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
