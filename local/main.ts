// `npm start`: the local user pool, its demo page, and the fake SMS printed here.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../src/adapters/config';
import { startPlayground } from './playground';
import { followOutbox } from './sms-printer';

const DEFAULT_PORT = 8787;
const DEFAULT_OUTBOX = '.local/fake-sms.jsonl';
/** Any key will do: the pool ignores signatures, but the handler's AWS SDK client wants credentials to sign with. */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIALOCALPLAYGROUND0', AWS_SECRET_ACCESS_KEY: 'local-playground-ignores-signatures' };

function port(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (parsed >= 1 && parsed <= 65535) return parsed;
  throw new ConfigError('PORT', `is "${value}": it accepts a port number from 1 to 65535 (default ${DEFAULT_PORT})`);
}

async function main(): Promise<void> {
  // The handler runs in this process and its SDK client reads process.env; a developer's own keys are left alone.
  if (!process.env.AWS_ACCESS_KEY_ID) Object.assign(process.env, LOCAL_CREDENTIALS);
  const env: Record<string, string | undefined> = { ...process.env, OTP_PROVIDER: process.env.OTP_PROVIDER || 'fake' };
  let stopFollowing = () => {};
  if (env.OTP_PROVIDER === 'fake') {
    env.FAKE_SMS_OUTBOX ||= DEFAULT_OUTBOX;
    await mkdir(dirname(env.FAKE_SMS_OUTBOX), { recursive: true });
    stopFollowing = await followOutbox(env.FAKE_SMS_OUTBOX, (text) => process.stdout.write(text));
  }
  const playground = await startPlayground({ env, port: port(process.env.PORT), region: process.env.AWS_REGION || undefined, demo: true });
  const { endpoint, region, userPoolId, userPoolClientId } = playground.config;
  process.stdout.write(
    [
      '',
      'cognito-sms-otp local playground',
      '',
      `  demo page        ${endpoint}/`,
      `  endpoint         ${endpoint}`,
      `  region           ${region}`,
      `  user pool id     ${userPoolId}`,
      `  client id        ${userPoolClientId}`,
      `  config           ${endpoint}/config.json`,
      `  OTP provider     ${env.OTP_PROVIDER}${env.OTP_PROVIDER === 'fake' ? ` (codes print here and go to ${env.FAKE_SMS_OUTBOX})` : ''}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    stopFollowing();
    void playground.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const words = error instanceof ConfigError ? `configuration: ${error.message}` : error instanceof Error && 'code' in error && error.code === 'EADDRINUSE' ? `port ${process.env.PORT ?? DEFAULT_PORT} is in use; set PORT to another one` : String(error);
  process.stderr.write(`cognito-sms-otp playground did not start: ${words}\n`);
  process.exit(1);
});
