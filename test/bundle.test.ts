import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler, bundleScratchDir } from '../scripts/bundle';
import { BundledLambda } from './support/bundled-lambda';
import { SignIn } from './support/cognito-flow';
import { EasyAuthServer } from './support/easyauth-server';
import { SnsServer } from './support/sns-server';
import { TEST_AWS_ENV } from './support/aws-env';
import { PHONE } from './support/events';
import { withoutTimes } from './support/logs';
import { lastCode, newOutbox, readOutbox, wrongCode } from './support/outbox';
import { SecretsManagerServer } from './support/secrets-manager-server';
import { SolapiServer } from './support/solapi-server';
import { TwilioVerifyServer } from './support/twilio-verify-server';

// The deploy bundle, built as the CDK builds it, run in a plain node process: this is
// where a dependency on decorator metadata or a stray require would crash at cold start.
describe('the esbuild bundle', () => {
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    dir = await bundleScratchDir('bundle-test-');
    bundle = join(dir, 'handler.mjs');
    await bundleHandler(bundle);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('signs a user in through a wrong answer, and logs no phone, code or key', async () => {
    const outbox = await newOutbox();
    const lambda = await BundledLambda.withLedger(bundle, { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, LOG_LEVEL: 'info' });
    const signIn = new SignIn(lambda.invoke);

    expect(await signIn.start()).toBe('challenge');
    const code = await lastCode(outbox);
    expect(await signIn.answer(wrongCode(code))).toBe('challenge');
    expect(await signIn.answer(code)).toBe('tokens');
    expect(await lambda.stop()).toBe(0);

    expect(await readOutbox(outbox)).toHaveLength(1);
    const logs = lambda.logs.join('\n');
    expect(logs).toContain('"outcome":"sent"');
    expect(withoutTimes(logs)).not.toContain(PHONE.slice(1));
    expect(withoutTimes(logs)).not.toContain(code);
  });

  it('holds no AWS SDK: every AWS call goes through the light signed client', async () => {
    const source = await readFile(bundle, 'utf8');

    expect(source).not.toContain('@aws-sdk/');
    expect(source).toContain('AWS4-HMAC-SHA256');
  });

  it('loads the SNS provider on demand and texts the code through SNS', async () => {
    const sns = await new SnsServer().start();
    const env = { ...TEST_AWS_ENV, OTP_PROVIDER: 'sns', OTP_HMAC_SECRET: 'x'.repeat(32), APP_NAME: 'Hello', AWS_ENDPOINT_URL_SNS: sns.origin };
    const lambda = await BundledLambda.withLedger(bundle, env);
    const signIn = new SignIn(lambda.invoke);
    try {
      expect(await signIn.start()).toBe('challenge');
      expect(await signIn.answer(sns.lastCode())).toBe('tokens');
      expect(sns.published).toHaveLength(1);
    } finally {
      await lambda.stop();
      await sns.stop();
    }
  });

  it('fails the cold start naming a bad variable', async () => {
    const lambda = await BundledLambda.withLedger(bundle, { OTP_PROVIDER: 'smoke-signals' });

    expect(await lambda.stop()).not.toBe(0);
    expect(lambda.logs.join('')).toContain('OTP_PROVIDER is "smoke-signals": it accepts easyauth, sns, solapi, twilio, fake');
  });

  it('reads the EasyAuth key from Secrets Manager once per cold start, not once per event', async () => {
    const [easyAuth, secrets] = [await new EasyAuthServer().start(), await new SecretsManagerServer().start()];
    secrets.secrets.set('sms-otp/easyauth-api-key', easyAuth.apiKey);
    const lambda = await BundledLambda.withLedger(bundle, {
      ...secrets.clientEnv,
      OTP_PROVIDER: 'easyauth',
      EASYAUTH_BASE_URL: easyAuth.baseUrl,
      EASYAUTH_API_KEY_SECRET_ID: 'sms-otp/easyauth-api-key',
    });
    const signIn = new SignIn(lambda.invoke);

    expect(await signIn.start()).toBe('challenge');
    expect(await signIn.answer(easyAuth.codes.values().next().value ?? '')).toBe('tokens');
    expect(await lambda.stop()).toBe(0);
    await Promise.all([easyAuth.stop(), secrets.stop()]);

    expect(secrets.readsOf('sms-otp/easyauth-api-key')).toBe(1);
    expect(easyAuth.received.map((r) => [r.path, r.authorization])).toEqual([
      ['/v1/send', `Bearer ${easyAuth.apiKey}`],
      ['/v1/verify', `Bearer ${easyAuth.apiKey}`],
    ]);
    expect(lambda.logs.join('')).not.toContain(easyAuth.apiKey);
  });

  it('loads the Solapi provider on demand and texts the code in Korean to a Korean number', async () => {
    // Prepare
    const solapi = await new SolapiServer().start();
    const lambda = await BundledLambda.withLedger(bundle, {
      OTP_PROVIDER: 'solapi',
      OTP_HMAC_SECRET: 'x'.repeat(32),
      APP_NAME: 'Hello',
      SOLAPI_API_KEY: solapi.apiKey,
      SOLAPI_API_SECRET: solapi.apiSecret,
      SOLAPI_SENDER: solapi.sender,
      SOLAPI_BASE_URL: solapi.origin,
    });
    const signIn = new SignIn(lambda.invoke);
    try {
      // Act
      expect(await signIn.start()).toBe('challenge');
      expect(await signIn.answer(solapi.lastCode())).toBe('tokens');

      // Assess
      expect(solapi.sent).toHaveLength(1);
      expect(solapi.sent[0]?.text).toBe(`[Hello] 인증번호 ${solapi.lastCode()}`);
      expect(lambda.logs.join('')).not.toContain(solapi.apiSecret);
    } finally {
      await lambda.stop();
      await solapi.stop();
    }
  });

  it('loads the Twilio provider on demand, its API key secret read from Secrets Manager', async () => {
    // Prepare
    const [twilio, secrets] = [await new TwilioVerifyServer().start(), await new SecretsManagerServer().start()];
    secrets.secrets.set('sms-otp/twilio', twilio.apiKeySecret);
    const lambda = await BundledLambda.withLedger(bundle, {
      ...secrets.clientEnv,
      OTP_PROVIDER: 'twilio',
      TWILIO_API_KEY_SID: twilio.apiKeySid,
      TWILIO_API_KEY_SECRET_ID: 'sms-otp/twilio',
      TWILIO_VERIFY_SERVICE_SID: twilio.serviceSid,
      TWILIO_VERIFY_BASE_URL: twilio.baseUrl,
    });
    const signIn = new SignIn(lambda.invoke);
    try {
      // Act
      expect(await signIn.start()).toBe('challenge');
      expect(await signIn.answer(twilio.lastCode())).toBe('tokens');

      // Assess
      expect(twilio.texts).toHaveLength(1);
      expect(secrets.readsOf('sms-otp/twilio')).toBe(1);
      expect(lambda.logs.join('')).not.toContain(twilio.apiKeySecret);
    } finally {
      await lambda.stop();
      await Promise.all([twilio.stop(), secrets.stop()]);
    }
  });
});
