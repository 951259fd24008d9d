// `npm start`: the local user pool, its demo page, and the fake SMS printed here.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, integer } from '../src/adapters/runtime/config';
import { dummyCredentials } from './credentials';
import { hideMetricLines } from './metric-lines';
import { startPlayground } from './playground';
import { showsMetricLines } from './settings';
import { followOutbox, formatCognitoSms, formatDeliveryNotice, formatFallbackSms } from './sms-printer';
import { FUNCTION_ENV } from './function-env';

const DEFAULT_PORT = 8787;
const DEFAULT_OUTBOX = '.local/fake-sms.jsonl';

async function main(): Promise<void> {
  const provider = process.env[FUNCTION_ENV.provider] || 'fake';
  // The handler runs in this process and its SDK clients read process.env: see dummyCredentials for when it gets keys.
  const dummy = dummyCredentials({ ...process.env, [FUNCTION_ENV.provider]: provider });
  Object.assign(process.env, dummy);
  const env: Record<string, string | undefined> = { ...process.env, [FUNCTION_ENV.provider]: provider };
  if (!showsMetricLines(env)) hideMetricLines(process.stdout);
  let stopFollowing = () => {};
  const outbox = provider === 'fake' ? (env[FUNCTION_ENV.fakeOutbox] ||= DEFAULT_OUTBOX) : undefined;
  if (outbox !== undefined) {
    await mkdir(dirname(outbox), { recursive: true });
    stopFollowing = await followOutbox(outbox, (text) => process.stdout.write(text));
  }
  const playground = await startPlayground({
    env,
    port: integer(process.env, 'PORT', DEFAULT_PORT, 1, 65535),
    region: process.env[FUNCTION_ENV.region] || undefined,
    demo: true,
    onTrigger: (event, result) => {
      const notice = formatDeliveryNotice(event, result);
      if (notice) process.stdout.write(notice);
    },
    onCognitoSms: (sms) => process.stdout.write(formatCognitoSms(sms)),
    onFallbackSms: (sms) => process.stdout.write(formatFallbackSms(sms)),
  });
  const { fake } = playground;
  const { endpoint, region, userPoolId, userPoolClientId } = playground.config;
  const { corsOrigins, sessionMinutes, metricLines } = playground.settings;
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
      `  OTP provider     ${provider}${outbox !== undefined ? ` (codes print here and go to ${outbox})` : ''}`,
      ...(fake
        ? [
            `  fallback         ${fake.fallback ? `${fake.fallback.provider}, to a local SNS at ${fake.fallback.snsEndpoint} (its SMS print here)` : `${env[FUNCTION_ENV.fallbackProvider]} (${FUNCTION_ENV.fallbackProvider})`}`,
            `  fake fails       ${env[FUNCTION_ENV.fakeFail] ?? 'never'} (the demo page's switch, or ${FUNCTION_ENV.fakeFail}=refuse|unreachable|timeout)`,
          ]
        : []),
      `  ledger           ${playground.ledger.endpoint ? `table ${playground.ledger.tableName} in an in-memory dynalite at ${playground.ledger.endpoint} (gone on exit)` : `table ${playground.ledger.tableName} (${FUNCTION_ENV.ledgerTable})`}`,
      `  web pages        ${corsOrigins === '*' ? 'any origin may call' : `only ${[...corsOrigins].join(', ')} (more in PLAYGROUND_CORS_ORIGINS)`}`,
      `  AWS credentials  ${dummy ? 'dummy keys (this pool checks no signature)' : "your own, from the SDK's default chain"}`,
      `  session validity ${sessionMinutes} minutes a round (AUTH_SESSION_MINUTES)`,
      `  metric lines     ${metricLines ? 'printed (CloudWatch EMF JSON)' : 'hidden (PLAYGROUND_METRICS=true prints them)'}`,
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
  const words =
    error instanceof ConfigError
      ? `configuration: ${error.message}`
      : error instanceof Error && 'code' in error && error.code === 'EADDRINUSE'
        ? `port ${process.env.PORT ?? DEFAULT_PORT} is in use; set PORT to another one`
        : String(error);
  process.stderr.write(`cognito-sms-otp playground did not start: ${words}\n`);
  process.exit(1);
});
