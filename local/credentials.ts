import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../src/adapters/runtime/config';
import { FUNCTION_ENV } from './function-env';

/** Any key will do for this pool, which checks no signature; the handler's SDK client wants one to sign with. */
export const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIALOCALPLAYGROUND0', AWS_SECRET_ACCESS_KEY: 'local-playground-ignores-signatures' };

// Where the SDK's default chain looks besides AWS_ACCESS_KEY_ID; keys in the environment would beat them all.
const CHAIN_VARIABLES = ['AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

/**
 * The dummy credentials the playground puts in the environment for the handler it runs in-process, or none.
 * With `fake`, the handler's AWS calls (PreSignUp's DescribeUserPoolClient, PostAuthentication's AdminUpdateUserAttributes) come to this pool,
 * so dummy keys serve unless keys are set, whatever profile the shell names. With a real provider (`sns`
 * publishes to real AWS) the developer's own source must win: dummy keys only when none is configured, no
 * keys, no profile, no shared config or credentials file.
 */
export function dummyCredentials(env: Env, fileExists: (path: string) => boolean = existsSync): typeof LOCAL_CREDENTIALS | undefined {
  if (env[FUNCTION_ENV.awsAccessKeyId]) return undefined;
  if (env[FUNCTION_ENV.provider] === 'fake') return LOCAL_CREDENTIALS;
  const files = [env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'), env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config')];
  const configured = CHAIN_VARIABLES.some((name) => env[name]) || files.some((path) => fileExists(path));
  return configured ? undefined : LOCAL_CREDENTIALS;
}
