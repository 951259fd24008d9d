import { describe, expect, it } from 'vitest';
import { encodeState } from '../src/adapters/cognito/inbound/challenge-state-codec';
import { createPinoLogger } from '../src/adapters/runtime/pino-logger';
import { buildApp } from './support/app';
import { SignIn } from './support/cognito-flow';
import { EasyAuthServer } from './support/easyauth-server';
import { createEvent, lambdaContext, PHONE, verifyEvent } from './support/events';
import { CapturedLogs } from './support/logs';
import { lastCode, newOutbox, wrongCode } from './support/outbox';

const forbidden = (logs: string, secrets: string[]) => {
  for (const secret of [PHONE, PHONE.slice(1), PHONE.slice(3), ...secrets]) expect(logs).not.toContain(secret);
};

describe('what is logged', () => {
  it('holds no phone number, code or key through EasyAuth flows and failures, at trace level', async () => {
    // Prepare
    const server = await new EasyAuthServer().start();
    const captured = new CapturedLogs();
    const { handler, clock } = await buildApp(
      { OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey },
      { logger: createPinoLogger('trace', captured) },
    );
    try {
      // Act
      const signIn = new SignIn(handler);
      await signIn.start();
      const code = server.codes.get(PHONE) ?? '';
      await signIn.answer(wrongCode(code));
      await signIn.answer(code);
      server.faults.push({ status: 500 }, { status: 401 });
      clock.advance(60);
      await handler(createEvent(), lambdaContext()).catch(() => undefined);
      // The failed send still took its place in the ledger: the next send waits out the doubled wait.
      clock.advance(61);
      await handler(createEvent(), lambdaContext()).catch(() => undefined);
      // A state as the codec writes it, for a code the ledger never issued (as after a newer send replaced it).
      const stale = encodeState({ codeId: 'never-issued', issuedAt: clock.now(), attemptsLeft: 3, resendAt: clock.now(), resends: 0, delivery: 'sent' });
      const staleVerify = await handler(verifyEvent('123456', { otpState: stale }), lambdaContext());
      await handler(createEvent({ phone: '+82 10 1234 5678' }), lambdaContext()).catch(() => undefined);

      // Assess
      expect(captured.lines.length).toBeGreaterThanOrEqual(8);
      expect(staleVerify.response).toMatchObject({ answerCorrect: false });
      expect(captured.text).toContain('"maskedPhone":"+82 ******5678"');
      expect(captured.text).toContain('"status":500');
      expect(captured.text).toContain('"status":401');
      forbidden(captured.text, [server.apiKey, code, wrongCode(code)]);
    } finally {
      await server.stop();
    }
  });

  it('holds no phone number or code through a fake-provider flow', async () => {
    // Prepare
    const outbox = await newOutbox();
    const captured = new CapturedLogs();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox }, { logger: createPinoLogger('trace', captured) });

    // Act
    const signIn = new SignIn(handler);
    await signIn.start();
    const code = await lastCode(outbox);
    await signIn.answer(wrongCode(code));
    await signIn.answer(code);

    // Assess
    forbidden(captured.text, [code]);
  });

  it('masks a full number even where a caller slips one in, and redacts secret-named fields', () => {
    // Prepare
    const captured = new CapturedLogs();
    const logger = createPinoLogger('info', captured);

    // Act
    logger.info('oops', { note: `sent to ${PHONE}`, phone: PHONE, code: '123456', apiKey: 'k-123' });

    // Assess
    const line = JSON.parse(captured.lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'oops', note: 'sent to +[number]', phone: '[redacted]', code: '[redacted]', apiKey: '[redacted]' });
  });

  it('writes nothing below the configured level', () => {
    // Prepare
    const captured = new CapturedLogs();

    // Act
    createPinoLogger('warn', captured).info('quiet');

    // Assess
    expect(captured.lines).toEqual([]);
  });
});
