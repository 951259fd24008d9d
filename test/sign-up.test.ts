import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoUserDirectory } from '../src/adapters/cognito/outbound/user-directory';
import { buildApp } from './support/app';
import { SignIn } from './support/cognito-flow';
import { lambdaContext, postAuthenticationEvent, preSignUpEvent } from './support/events';
import { RecordingDirectory, RecordingLogger } from './support/fakes';
import { lastCode, newOutbox } from './support/outbox';
import { useUserPoolServer } from './support/user-pool-server';
import { testAws } from './support/aws-env';

describe('passwordless sign-up through the router', () => {
  let outbox: string;

  beforeEach(async () => {
    outbox = await newOutbox();
  });

  it('takes a brand-new phone number from sign-up to tokens, then marks the phone verified', async () => {
    const directory = new RecordingDirectory();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox }, { directory });

    const signedUp = await handler(preSignUpEvent('PreSignUp_SignUp'), lambdaContext());
    const signIn = new SignIn(handler);
    await signIn.start();
    const signedIn = await signIn.answer(await lastCode(outbox));
    await handler(postAuthenticationEvent('false'), lambdaContext());

    expect(signedUp.response).toEqual({ autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
    expect(signedIn).toBe('tokens');
    expect(directory.marked).toHaveLength(1);
  });

  it.each([null, '01012345678', '+82 10-1234-5678'])('rejects a self sign-up with phone %j in words', async (phone) => {
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });

    await expect(handler(preSignUpEvent('PreSignUp_SignUp', phone), lambdaContext())).rejects.toThrow(
      /^\[sign-up-invalid\] that phone number is not valid: check the digits/,
    );
  });

  it.each(['PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'] as const)('passes %s through unchanged', async (source) => {
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
    const event = preSignUpEvent(source, null);

    const result = await handler(structuredClone(event), lambdaContext());

    expect(result).toEqual(event);
  });

  it('makes no directory call for a user already verified', async () => {
    const directory = new RecordingDirectory();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox }, { directory });

    const result = await handler(postAuthenticationEvent('true'), lambdaContext());

    expect(result.response).toEqual({});
    expect(directory.marked).toEqual([]);
  });
});

describe('PostAuthentication with the real directory adapter', () => {
  const pool = useUserPoolServer();

  /** PostAuthentication marks only a phone the ledger saw prove a code just now: a sign-in by code comes first. */
  async function signInByCode(handler: Awaited<ReturnType<typeof buildApp>>['handler'], outbox: string): Promise<void> {
    const signIn = new SignIn(handler);
    await signIn.start();
    expect(await signIn.answer(await lastCode(outbox))).toBe('tokens');
  }

  it('marks the phone verified on the event’s pool', async () => {
    const outbox = await newOutbox();
    const { handler } = await buildApp(
      { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox },
      { directory: new CognitoUserDirectory(testAws({ cognito: pool().origin })) },
    );
    await signInByCode(handler, outbox);

    await handler(postAuthenticationEvent(undefined), lambdaContext());

    expect(pool().calls.map((c) => c.target)).toEqual(['AWSCognitoIdentityProviderService.AdminUpdateUserAttributes']);
  });

  it('lets the sign-in succeed when the update fails, and logs and counts the failure without PII', async () => {
    pool().faults.push({ status: 400, type: 'UserNotFoundException' });
    const outbox = await newOutbox();
    const logger = new RecordingLogger();
    const { handler } = await buildApp(
      { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox },
      { directory: new CognitoUserDirectory(testAws({ cognito: pool().origin })), logger },
    );
    await signInByCode(handler, outbox);
    const event = postAuthenticationEvent('false');
    logger.lines.length = 0;

    const result = await handler(event, lambdaContext());

    expect(result).toEqual(event);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'trigger handled',
        fields: expect.objectContaining({
          outcome: 'mark-failed',
          errorCode: 'DIRECTORY_FAILED',
          error: 'DirectoryError',
          status: 400,
          trigger: 'PostAuthentication_Authentication',
        }),
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain(event.userName);
  });
});

describe('PreSignUp through the real handler and directory adapter', () => {
  const pool = useUserPoolServer();
  const app = (logger = new RecordingLogger()) =>
    buildApp({ OTP_PROVIDER: 'fake', OTP_ALLOWED_COUNTRIES: 'KR' }, { directory: new CognitoUserDirectory(testAws({ cognito: pool().origin })), logger });

  it.each([
    ['+14155550123', /^\[sign-up-country\] phone numbers from that country cannot sign up here: use a mobile number from an allowed country \(KR\)$/],
    ['+881612345678', /^\[sign-up-country\] phone numbers from that country cannot sign up here/],
    [
      '+82801234567',
      /^\[sign-up-number-type\] that number cannot receive a text message \(premium-rate, shared-cost, toll-free, pager or voicemail\): use a mobile number$/,
    ],
    ['+8210123', /^\[sign-up-invalid\] that phone number is not valid/],
  ])('refuses %s with words that say what to do, logged as an outcome', async (phone, words) => {
    // Prepare
    const logger = new RecordingLogger();
    const { handler } = await app(logger);

    // Act
    const signUp = handler(preSignUpEvent('PreSignUp_SignUp', phone), lambdaContext());

    // Assess
    await expect(signUp).rejects.toThrow(words);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'info', message: 'trigger refused', fields: expect.objectContaining({ errorCode: 'SIGN_UP_REFUSED' }) }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain(phone);
  });

  it('leaves a sign-up through a client that also allows passwords as the pool would have it: no auto-confirm, no phone needed', async () => {
    // Prepare
    pool().explicitAuthFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
    const { handler } = await app();
    const event = preSignUpEvent('PreSignUp_SignUp', null);

    // Act
    const result = await handler(structuredClone(event), lambdaContext());

    // Assess
    expect(result).toEqual(event);
  });

  it('fails closed when the client lookup fails: refused with "try again shortly", never confirmed', async () => {
    // Prepare
    pool().faults.push({ status: 400, type: 'AccessDeniedException' });
    const logger = new RecordingLogger();
    const { handler } = await app(logger);

    // Act
    const signUp = handler(preSignUpEvent('PreSignUp_SignUp'), lambdaContext());

    // Assess
    await expect(signUp).rejects.toThrow(/^\[sign-up-lookup-failed\] sign-up is unavailable for a moment, try again shortly$/);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ outcome: 'refused:lookup-failed', errorCode: 'SIGN_UP_REFUSED', error: 'DirectoryError' }),
      }),
    ]);
  });

  it('asks about a client once per instance', async () => {
    // Prepare
    const { handler } = await app();

    // Act
    await handler(preSignUpEvent('PreSignUp_SignUp'), lambdaContext());
    await handler(preSignUpEvent('PreSignUp_SignUp'), lambdaContext());

    // Assess
    expect(pool().calls.map((call) => call.target)).toEqual(['AWSCognitoIdentityProviderService.DescribeUserPoolClient']);
  });
});

describe('metrics from the router’s outcomes', () => {
  it('counts a send, a wrong answer, a sign-in and a refusal by rule', async () => {
    // Prepare
    const outbox = await newOutbox();
    const { handler, metrics } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
    const signIn = new SignIn(handler);

    // Act
    await handler(preSignUpEvent('PreSignUp_SignUp'), lambdaContext());
    await handler(preSignUpEvent('PreSignUp_SignUp', '+14155550123'), lambdaContext()).catch(() => undefined);
    await signIn.start();
    await signIn.answer('000000');
    await signIn.answer(await lastCode(outbox));

    // Assess
    expect(metrics.counts).toEqual([{ outcome: 'refused', rule: 'country' }, { outcome: 'sent' }, { outcome: 'wrong' }, { outcome: 'correct' }]);
    // A code made here is checked against the ledger's proof: the provider is called to send only.
    expect(metrics.calls.map((call) => call.operation)).toEqual(['send']);
  });
});
