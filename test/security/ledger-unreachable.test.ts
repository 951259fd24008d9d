import { describe, expect, it } from 'vitest';
import type { TriggerHandler } from '../../src/router';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { RecordingLogger } from '../support/fakes';
import { refusedOrigin } from '../support/local-server';
import { lastCode, newOutbox, readOutbox } from '../support/outbox';

// Issue 12, rule 7: if the table cannot be reached in time, Create sends nothing and Verify issues nothing; both fail
// with a clear error, logged with the code the LedgerFailures alarm counts.
const PHONE = '+821077001234';
const UNAVAILABLE = 'sign-in is unavailable, try again shortly';

/** Define and Create from one handler, Verify from another: the table goes away between the SMS and the answer. */
function split(first: TriggerHandler, verify: TriggerHandler): TriggerHandler {
  return (event, context) =>
    (event as { triggerSource?: string }).triggerSource === 'VerifyAuthChallengeResponse_Authentication' ? verify(event, context) : first(event, context);
}

describe('the ledger cannot be reached', () => {
  it('Create sends nothing and fails in words, logged as LEDGER_UNAVAILABLE', async () => {
    // Prepare
    const outbox = await newOutbox();
    const logger = new RecordingLogger();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, AWS_ENDPOINT_URL_DYNAMODB: await refusedOrigin() }, { logger });

    // Act
    const started = new SignIn(handler, { phone: PHONE }).start();

    // Assess
    await expect(started).rejects.toThrow(UNAVAILABLE);
    expect(await readOutbox(outbox)).toEqual([]);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: expect.objectContaining({ errorCode: 'LEDGER_UNAVAILABLE' }) }));
  });

  it('Verify issues nothing for the right code, and fails in words', async () => {
    // Prepare: the code is sent while the table answers; then Verify runs where it does not.
    const outbox = await newOutbox();
    const logger = new RecordingLogger();
    const reachable = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
    const unreachable = await buildApp({ ...reachable.env, AWS_ENDPOINT_URL_DYNAMODB: await refusedOrigin() }, { logger });
    const signIn = new SignIn(split(reachable.handler, unreachable.handler), { phone: PHONE });
    await signIn.start();

    // Act
    const answered = signIn.answer(await lastCode(outbox));

    // Assess
    await expect(answered).rejects.toThrow(UNAVAILABLE);
    expect(signIn.session.some((round) => round.challengeResult === true)).toBe(false);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: expect.objectContaining({ errorCode: 'LEDGER_UNAVAILABLE' }) }));
  });
});
