import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/adapters/runtime/config';
import { withSecrets } from '../../src/adapters/runtime/secrets';
import { UNSET_SECRET_VALUE } from '../../src/adapters/runtime/unset-secret';
import { SecretsManagerServer } from '../support/secrets-manager-server';

describe('withSecrets against a local Secrets Manager', () => {
  const server = new SecretsManagerServer();

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('fills the plain variables from the secrets, in a copy', async () => {
    // Prepare
    server.secrets.set('prod/easyauth', 'ea-key-from-secret');
    server.secrets.set('prod/hmac', 'h'.repeat(48));
    // The endpoint, region and keys are in the environment given, not in process.env: the reader takes them from there.
    const env = { ...server.clientEnv, OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY_SECRET_ID: 'prod/easyauth', OTP_HMAC_SECRET_ID: 'prod/hmac' };

    // Act
    const filled = await withSecrets(env);

    // Assess
    expect(filled).toEqual({ ...env, EASYAUTH_API_KEY: 'ea-key-from-secret', OTP_HMAC_SECRET: 'h'.repeat(48) });
    expect(env).not.toHaveProperty('EASYAUTH_API_KEY');
    expect(server.received.filter((r) => r.secretId === 'prod/easyauth')).toEqual([
      { target: 'secretsmanager.GetSecretValue', secretId: 'prod/easyauth', signed: true },
    ]);
  });

  it('returns the environment untouched, without a call, when no secret id is set', async () => {
    // Prepare
    const before = server.received.length;
    const env = { OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY: 'plain-local-key' };

    // Act
    const filled = await withSecrets(env);

    // Assess
    expect(filled).toBe(env);
    expect(server.received).toHaveLength(before);
  });

  it.each([
    ['a missing secret', 'gone/easyauth', 'is "gone/easyauth": reading it from Secrets Manager failed (ResourceNotFoundException'],
    ['a denied secret', 'denied/easyauth', 'is "denied/easyauth": reading it from Secrets Manager failed (AccessDeniedException'],
    [
      'a secret still unset',
      'unset/easyauth',
      'is "unset/easyauth": the secret was created empty and still is; put the value with aws secretsmanager put-secret-value --secret-id unset/easyauth',
    ],
    ['a binary secret', 'binary/easyauth', 'is "binary/easyauth": the secret holds no text value'],
  ])('fails the cold start on %s, naming the variable', async (_case, secretId, message) => {
    // Prepare
    server.denied.add('denied/easyauth');
    server.secrets.set('unset/easyauth', UNSET_SECRET_VALUE);
    server.secrets.set('binary/easyauth', new Uint8Array([1, 2, 3]));

    // Act
    const read = withSecrets({ ...server.clientEnv, OTP_PROVIDER: 'easyauth', EASYAUTH_API_KEY_SECRET_ID: secretId });

    // Assess
    await expect(read).rejects.toThrow(ConfigError);
    await expect(read).rejects.toThrow(`EASYAUTH_API_KEY_SECRET_ID ${message}`);
  });

  it.each([
    ['EASYAUTH_API_KEY', 'EASYAUTH_API_KEY_SECRET_ID'],
    ['OTP_HMAC_SECRET', 'OTP_HMAC_SECRET_ID'],
  ])('refuses %s and %s together, before any call', async (variable, idVariable) => {
    // Prepare
    const before = server.received.length;

    // Act
    const read = withSecrets({ OTP_PROVIDER: 'easyauth', [variable]: 'plain', [idVariable]: 'both/set' });

    // Assess
    await expect(read).rejects.toThrow(`${idVariable} and ${variable} are both set: set only one`);
    expect(server.received).toHaveLength(before);
  });

  it('reads the secrets of the primary and of the fallback, and of no provider not in use', async () => {
    // Prepare
    server.secrets.set('prod/easyauth-2', 'ea-key');
    server.secrets.set('prod/solapi', 'solapi-secret');
    const before = server.received.length;
    const env = {
      ...server.clientEnv,
      OTP_PROVIDER: 'easyauth',
      OTP_FALLBACK_PROVIDER: 'solapi',
      EASYAUTH_API_KEY_SECRET_ID: 'prod/easyauth-2',
      SOLAPI_API_SECRET_ID: 'prod/solapi',
      TWILIO_AUTH_TOKEN_SECRET_ID: 'prod/twilio-not-in-use',
    };

    // Act
    const filled = await withSecrets(env);

    // Assess
    expect(filled).toMatchObject({ EASYAUTH_API_KEY: 'ea-key', SOLAPI_API_SECRET: 'solapi-secret' });
    expect(filled).not.toHaveProperty('TWILIO_AUTH_TOKEN');
    expect(
      server.received
        .slice(before)
        .map((r) => r.secretId)
        .sort(),
    ).toEqual(['prod/easyauth-2', 'prod/solapi']);
  });
});
