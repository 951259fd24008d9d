import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from './support/app';
import { SignIn } from './support/cognito-flow';
import { EasyAuthServer } from './support/easyauth-server';
import { createEvent, defineEvent, lambdaContext, MASKED, round, verifyEvent } from './support/events';
import { RecordingLogger } from './support/fakes';
import { newOutbox, readOutbox } from './support/outbox';

type CreateAnswer = { response: { publicChallengeParameters: Record<string, string>; challengeMetadata: string } };

describe('handler with the fake provider', () => {
  let outbox: string;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeEach(async () => {
    outbox = await newOutbox();
    app = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
  });

  it('sends no second SMS when Cognito retries the same Create: the ledger hands the live code on', async () => {
    // Prepare
    const first = (await app.handler(createEvent(), lambdaContext())) as CreateAnswer;

    // Act
    const retried = (await app.handler(createEvent(), lambdaContext())) as CreateAnswer;

    // Assess
    expect(await readOutbox(outbox)).toHaveLength(1);
    expect(retried.response.publicChallengeParameters).toEqual({ ...first.response.publicChallengeParameters, delivery: 'reused' });
    const codeId = (metadata: string | undefined) => metadata?.split(':')[1];
    expect(codeId(retried.response.challengeMetadata)).toBe(codeId(first.response.challengeMetadata));
  });

  it('texts no number outside the allowed countries, and says so: delivery refused, refusal country', async () => {
    // Act
    const created = (await app.handler(createEvent({ phone: '+14155550123' }), lambdaContext())) as CreateAnswer;

    // Assess
    expect(await readOutbox(outbox)).toEqual([]);
    expect(created.response.publicChallengeParameters).toMatchObject({ delivery: 'refused', refusal: 'country' });
  });

  it('returns the event it was given with the response filled in', async () => {
    // Prepare
    const event = defineEvent({ session: [round(true)] });

    // Act
    const result = await app.handler(event, lambdaContext());

    // Assess
    expect(result).toEqual({ ...event, response: { issueTokens: true, failAuthentication: false } });
  });

  it('refuses a user without a valid phone number in words', async () => {
    // Act and assess, one call after the other
    await expect(app.handler(createEvent({ phone: null }), lambdaContext())).rejects.toThrow(/^\[invalid-phone\] user has no valid phone_number/);
    await expect(app.handler(createEvent({ phone: '010-1234-5678' }), lambdaContext())).rejects.toThrow(/^\[invalid-phone\] user has no valid phone_number/);

    // Assess
    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('refuses a Verify whose challenge state is gone', async () => {
    // Act
    const verifying = app.handler(verifyEvent('123456', {}), lambdaContext());

    // Assess
    await expect(verifying).rejects.toThrow('challenge state is missing or corrupt');
  });

  it('logs one line per trigger with the outcome, the request id and only a masked phone', async () => {
    // Prepare
    const logger = new RecordingLogger();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox }, { logger });

    // Act
    await new SignIn(handler).start();

    // Assess
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'trigger handled',
        fields: expect.objectContaining({
          trigger: 'DefineAuthChallenge_Authentication',
          outcome: 'challenge',
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        }),
      },
      {
        level: 'info',
        message: 'trigger handled',
        fields: expect.objectContaining({ trigger: 'CreateAuthChallenge_Authentication', outcome: 'sent', maskedPhone: MASKED }),
      },
    ]);
  });
});

describe('handler given a malformed event', async () => {
  const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: '/dev/null' });
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
    [
      { ...define, request: { session: [{ challengeName: 'CUSTOM_CHALLENGE' }] } },
      'DefineAuthChallenge_Authentication event has a malformed request.session[0]',
    ],
    [{ ...define, request: { session: [], userAttributes: 'x' } }, 'request.userAttributes that is not an object'],
    [{ ...define, request: { session: [], userNotFound: 'yes' } }, 'request.userNotFound that is not a boolean'],
    [{ ...createEvent(), request: { ...createEvent().request, challengeName: 'SMS_MFA' } }, 'asked for challenge "SMS_MFA", not CUSTOM_CHALLENGE'],
    [{ ...verifyEvent('1', {}), request: { session: [] } }, 'VerifyAuthChallengeResponse_Authentication event has no request.challengeAnswer'],
    [{ ...verifyEvent('1', {}), request: { challengeAnswer: '1' } }, 'event has no request.privateChallengeParameters'],
  ])('rejects %j with a message naming the problem', async (event, message) => {
    // Act
    const error = (await handler(event, lambdaContext()).catch((e: unknown) => e)) as Error;

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toContain(message);
  });

  it('issues no tokens for a session that began with a password', async () => {
    // Prepare
    const event = defineEvent({
      session: [
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
      ],
    });

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
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

  it('bounds the call by the time the Lambda has left and fails in words', async () => {
    // Prepare
    server.faults.push({ delayMs: 3000 });

    // Act
    const error = (await (await app()).handler(createEvent(), lambdaContext(800)).catch((e: unknown) => e)) as Error;

    // Assess
    expect(error.message).toBe('[send-failed] could not send the verification code, try again shortly');
    expect(server.held).toBe(1); // given up within the Lambda's time, while EasyAuth still held its answer back
  });

  it('never answers correct when EasyAuth fails during Verify', async () => {
    // Prepare
    const { handler } = await app();
    const created = (await handler(createEvent(), lambdaContext())) as ReturnType<typeof createEvent>;
    server.faults.push({ status: 503 });

    // Act
    const verifying = handler(verifyEvent('100000', created.response.privateChallengeParameters), lambdaContext());

    // Assess
    await expect(verifying).rejects.toThrow('[verify-failed] verification service unavailable, try again shortly');
  });
});
