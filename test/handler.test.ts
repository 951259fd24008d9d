import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from './support/app';
import { SignIn } from './support/cognito-flow';
import { EasyAuthServer } from './support/easyauth-server';
import { createEvent, defineEvent, lambdaContext, MASKED, PHONE, round, verifyEvent } from './support/events';
import { RecordingLogger } from './support/fakes';
import { lastCode, newOutbox, readOutbox, wrongCode } from './support/outbox';

describe('handler with the fake provider', () => {
  let outbox: string;
  let app: ReturnType<typeof buildApp>;

  beforeEach(async () => {
    outbox = await newOutbox();
    app = buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
  });

  it('signs in after a wrong answer, with one SMS for the whole sign-in', async () => {
    const signIn = new SignIn(app.handler);

    expect(await signIn.start()).toBe('challenge');
    expect(signIn.publicParameters).toEqual({ phone: MASKED, codeLength: '6', attemptsLeft: '3' });
    const code = await lastCode(outbox);
    expect(await signIn.answer(wrongCode(code))).toBe('challenge');
    expect(signIn.publicParameters).toEqual({ phone: MASKED, codeLength: '6', attemptsLeft: '2' });
    expect(await signIn.answer(code)).toBe('tokens');

    expect(await readOutbox(outbox)).toHaveLength(1);
    expect(signIn.session.map((r) => r.challengeResult)).toEqual([false, true]);
  });

  it('fails after the last wrong answer', async () => {
    const signIn = new SignIn(app.handler);
    await signIn.start();
    const wrong = wrongCode(await lastCode(outbox));

    expect(await signIn.answer(wrong)).toBe('challenge');
    expect(await signIn.answer(wrong)).toBe('challenge');
    expect(signIn.publicParameters.attemptsLeft).toBe('1');
    expect(await signIn.answer(wrong)).toBe('failed');
    expect(await readOutbox(outbox)).toHaveLength(1);
  });

  it('does not accept the right code once it has expired', async () => {
    const signIn = new SignIn(app.handler);
    await signIn.start();
    app.clock.advance(181);

    expect(await signIn.answer(await lastCode(outbox))).toBe('challenge');
  });

  it('walks an unknown user through the same screens, sending nothing and issuing nothing', async () => {
    const signIn = new SignIn(app.handler, { userNotFound: true });

    expect(await signIn.start()).toBe('challenge');
    expect(Object.keys(signIn.publicParameters).sort()).toEqual(['attemptsLeft', 'codeLength', 'phone']);
    expect(await signIn.answer('123456')).toBe('challenge');
    expect(await signIn.answer('123456')).toBe('challenge');
    expect(await signIn.answer('123456')).toBe('failed');
    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('sends no second SMS when Cognito retries the same Create', async () => {
    const first = await app.handler(createEvent(), lambdaContext());
    const retried = await app.handler(createEvent(), lambdaContext());

    expect(await readOutbox(outbox)).toHaveLength(1);
    expect(retried).toEqual(first);
  });

  it('returns the event it was given with the response filled in', async () => {
    const event = defineEvent({ session: [round(true)] });

    const result = await app.handler(event, lambdaContext());

    expect(result).toEqual({ ...event, response: { issueTokens: true, failAuthentication: false } });
  });

  it('refuses a user without a valid phone number in words', async () => {
    await expect(app.handler(createEvent({ phone: null }), lambdaContext())).rejects.toThrow(
      /^user has no valid phone_number/,
    );
    await expect(app.handler(createEvent({ phone: '010-1234-5678' }), lambdaContext())).rejects.toThrow(
      /^user has no valid phone_number/,
    );
    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('refuses a Verify whose challenge state is gone', async () => {
    await expect(app.handler(verifyEvent('123456', {}), lambdaContext())).rejects.toThrow('challenge state is missing or corrupt');
  });

  it('logs one line per trigger with the outcome, the request id and only a masked phone', async () => {
    const logger = new RecordingLogger();
    const { handler } = buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox }, { logger });

    await new SignIn(handler).start();

    expect(logger.lines).toEqual([
      { level: 'info', message: 'trigger handled', fields: expect.objectContaining({ trigger: 'DefineAuthChallenge_Authentication', outcome: 'challenge', requestId: lambdaContext().awsRequestId }) },
      { level: 'info', message: 'trigger handled', fields: expect.objectContaining({ trigger: 'CreateAuthChallenge_Authentication', outcome: 'sent', maskedPhone: MASKED }) },
    ]);
  });
});

describe('handler given a malformed event', () => {
  const { handler } = buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: '/dev/null' });
  const define = defineEvent();

  it.each([
    [undefined, 'event is not a Cognito trigger event: triggerSource is missing'],
    [null, 'event is not a Cognito trigger event: triggerSource is missing'],
    ['DefineAuthChallenge_Authentication', 'event is not a Cognito trigger event: triggerSource is missing'],
    [[], 'event is not a Cognito trigger event: triggerSource is missing'],
    [{}, 'event is not a Cognito trigger event: triggerSource is missing'],
    [{ ...define, triggerSource: 'PreTokenGeneration_Authentication' }, 'unsupported triggerSource "PreTokenGeneration_Authentication"'],
    [{ ...define, userName: undefined }, 'DefineAuthChallenge_Authentication event has no userName'],
    [{ ...define, request: undefined }, 'DefineAuthChallenge_Authentication event has no request'],
    [{ ...define, request: { userAttributes: {} } }, 'DefineAuthChallenge_Authentication event has no request.session array'],
    [{ ...define, request: { session: [{ challengeName: 'CUSTOM_CHALLENGE' }] } }, 'DefineAuthChallenge_Authentication event has a malformed request.session[0]'],
    [{ ...define, request: { session: [], userAttributes: 'x' } }, 'request.userAttributes that is not an object'],
    [{ ...define, request: { session: [], userNotFound: 'yes' } }, 'request.userNotFound that is not a boolean'],
    [{ ...createEvent(), request: { ...createEvent().request, challengeName: 'SMS_MFA' } }, 'asked for challenge "SMS_MFA", not CUSTOM_CHALLENGE'],
    [{ ...verifyEvent('1', {}), request: { session: [] } }, 'VerifyAuthChallengeResponse_Authentication event has no request.challengeAnswer'],
    [{ ...verifyEvent('1', {}), request: { challengeAnswer: '1' } }, 'event has no request.privateChallengeParameters'],
  ])('rejects %j with a message naming the problem', async (event, message) => {
    const error = (await handler(event, lambdaContext()).catch((e: unknown) => e)) as Error;

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toContain(message);
  });

  it('issues no tokens for a session that began with a password', async () => {
    const event = defineEvent({ session: [{ challengeName: 'SRP_A', challengeResult: true }, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }] });

    const result = await handler(event, lambdaContext());

    expect(result.response).toEqual({ issueTokens: false, failAuthentication: true });
  });
});

describe('handler with EasyAuth', () => {
  let server: EasyAuthServer;

  beforeEach(async () => {
    server = await new EasyAuthServer().start();
    return () => server.stop();
  });

  const app = () => buildApp({ OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey });

  it('signs in with the code EasyAuth sent', async () => {
    const signIn = new SignIn(app().handler);

    await signIn.start();
    const code = server.codes.get(PHONE) ?? '';
    expect(await signIn.answer(wrongCode(code))).toBe('challenge');
    expect(await signIn.answer(code)).toBe('tokens');

    expect(server.received.map((r) => r.path)).toEqual(['/v1/send', '/v1/verify', '/v1/verify']);
  });

  it('bounds the call by the time the Lambda has left and fails in words', async () => {
    server.faults.push({ delayMs: 3000 });
    const started = Date.now();

    const error = (await app().handler(createEvent(), lambdaContext(800)).catch((e: unknown) => e)) as Error;

    expect(error.message).toBe('could not send the verification code, try again shortly');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('never answers correct when EasyAuth fails during Verify', async () => {
    const { handler } = app();
    const created = (await handler(createEvent(), lambdaContext())) as ReturnType<typeof createEvent>;
    server.faults.push({ status: 503 });

    const verifying = handler(verifyEvent('100000', created.response.privateChallengeParameters), lambdaContext());

    await expect(verifying).rejects.toThrow('verification service unavailable, try again shortly');
  });
});
