import { describe, expect, it } from 'vitest';
import { CognitoUserDirectory } from '../../src/adapters/cognito/outbound/user-directory';
import { createPinoLogger } from '../../src/adapters/runtime/pino-logger';
import { buildApp } from '../support/app';
import { exampleStack } from '../support/cdk';
import { EasyAuthServer } from '../support/easyauth-server';
import { createEvent, lambdaContext, postAuthenticationEvent, preSignUpEvent } from '../support/events';
import { filterMatches, parseFilterPattern } from '../support/filter-pattern';
import { CapturedLogs } from '../support/logs';
import { SignIn } from '../support/cognito-flow';
import { lastCode, newOutbox } from '../support/outbox';
import { useUserPoolServer } from '../support/user-pool-server';
import { testAws } from '../support/aws-env';

/** Each metric filter's pattern in the synthesized example stack, by metric name. */
function synthesizedPatterns(): Record<string, string> {
  const { template } = exampleStack();
  const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
  return Object.fromEntries(filters.map((filter) => [filter.Properties.MetricTransformations[0].MetricName, filter.Properties.FilterPattern]));
}

/** The JSON lines the real handler logs through pino for `act`. */
async function loggedLines(act: (logger: ReturnType<typeof createPinoLogger>) => Promise<void>): Promise<string[]> {
  const captured = new CapturedLogs();
  await act(createPinoLogger('info', captured));
  return captured.lines.map((line) => line.trim());
}

describe('the alarms’ metric filters against real log lines', () => {
  const pool = useUserPoolServer();
  const patterns = synthesizedPatterns();

  it('has exactly the four filters this test reads, in the evaluated subset', () => {
    // Assess
    expect(Object.keys(patterns).sort()).toEqual(['LedgerFailures', 'PhoneVerificationFailures', 'ProviderFailures', 'SignUpRefusals']);
    for (const pattern of Object.values(patterns)) expect(() => parseFilterPattern(pattern)).not.toThrow();
  });

  it('counts a provider failure the router logged, and nothing else', async () => {
    // Prepare
    const server = await new EasyAuthServer().start();
    server.faults.push({ status: 500 });
    try {
      // Act
      const [failure] = await loggedLines(async (logger) => {
        const { handler } = await buildApp({ OTP_PROVIDER: 'easyauth', EASYAUTH_BASE_URL: server.baseUrl, EASYAUTH_API_KEY: server.apiKey }, { logger });
        await handler(createEvent(), lambdaContext()).catch(() => undefined);
      });
      const [invalidPhone, handled] = await loggedLines(async (logger) => {
        const { handler } = await buildApp({ OTP_PROVIDER: 'fake' }, { logger });
        await handler(createEvent({ phone: '010-1234-5678' }), lambdaContext()).catch(() => undefined);
        await handler(createEvent(), lambdaContext());
      });

      // Assess
      expect(JSON.parse(failure ?? '')).toMatchObject({ level: 50, msg: 'trigger failed', errorCode: 'PROVIDER_REJECTED' });
      expect(filterMatches(patterns.ProviderFailures ?? '', failure ?? '')).toBe(true);
      expect(filterMatches(patterns.PhoneVerificationFailures ?? '', failure ?? '')).toBe(false);
      expect(JSON.parse(invalidPhone ?? '')).toMatchObject({ level: 50, errorCode: 'INVALID_PHONE' });
      expect(filterMatches(patterns.ProviderFailures ?? '', invalidPhone ?? '')).toBe(false);
      expect(filterMatches(patterns.ProviderFailures ?? '', handled ?? '')).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('counts a sign-up refused for the user’s own input, which the Errors alarm subtracts, and not one refused by a failed lookup', async () => {
    // Prepare: a number from a country not allowed; then the app client lookup failing.
    const signUp = (logger: ReturnType<typeof createPinoLogger>) =>
      buildApp({ OTP_PROVIDER: 'fake' }, { logger, directory: new CognitoUserDirectory(testAws({ cognito: pool().origin })) });

    // Act
    const [refused] = await loggedLines(async (logger) => {
      const { handler } = await signUp(logger);
      await handler(preSignUpEvent('PreSignUp_SignUp', '+12025550123'), lambdaContext()).catch(() => undefined);
    });
    pool().faults.push({ status: 400, type: 'AccessDeniedException' });
    const [lookupFailed] = await loggedLines(async (logger) => {
      const { handler } = await signUp(logger);
      await handler(preSignUpEvent('PreSignUp_SignUp'), lambdaContext()).catch(() => undefined);
    });

    // Assess
    expect(JSON.parse(refused ?? '')).toMatchObject({ level: 30, msg: 'trigger refused', outcome: 'refused:country', errorCode: 'SIGN_UP_REFUSED' });
    expect(filterMatches(patterns.SignUpRefusals ?? '', refused ?? '')).toBe(true);
    expect(JSON.parse(lookupFailed ?? '')).toMatchObject({ level: 40, outcome: 'refused:lookup-failed', errorCode: 'SIGN_UP_REFUSED' });
    expect(filterMatches(patterns.SignUpRefusals ?? '', lookupFailed ?? '')).toBe(false);
    for (const pattern of ['ProviderFailures', 'LedgerFailures', 'PhoneVerificationFailures']) {
      expect(filterMatches(patterns[pattern] ?? '', refused ?? '')).toBe(false);
    }
  });

  it('counts a phone PostAuthentication could not mark verified, and not a marked one', async () => {
    // Prepare
    pool().faults.push({ status: 400, type: 'UserNotFoundException' });

    // Act
    const outbox = await newOutbox();
    const lines = await loggedLines(async (logger) => {
      const { handler } = await buildApp(
        { OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox },
        { logger, directory: new CognitoUserDirectory(testAws({ cognito: pool().origin })) },
      );
      // PostAuthentication marks only a phone the ledger saw prove a code just now: a sign-in by code comes first.
      const signIn = new SignIn(handler);
      await signIn.start();
      await signIn.answer(await lastCode(outbox));
      await handler(postAuthenticationEvent('false'), lambdaContext());
      await handler(postAuthenticationEvent('false'), lambdaContext());
    });
    // The sign-in's own PostAuthentication (the user already verified) comes first.
    const [, failed, marked] = lines.filter((line) => line.includes('"trigger":"PostAuthentication_Authentication"'));

    // Assess
    expect(JSON.parse(failed ?? '')).toMatchObject({ level: 40, outcome: 'mark-failed', errorCode: 'DIRECTORY_FAILED' });
    expect(filterMatches(patterns.PhoneVerificationFailures ?? '', failed ?? '')).toBe(true);
    expect(filterMatches(patterns.ProviderFailures ?? '', failed ?? '')).toBe(false);
    expect(JSON.parse(marked ?? '')).toMatchObject({ outcome: 'marked-verified' });
    expect(filterMatches(patterns.PhoneVerificationFailures ?? '', marked ?? '')).toBe(false);
  });

  it('counts a trigger that failed on the ledger, and a PostAuthentication that could not read it, and not a provider failure', async () => {
    // Prepare: the lines the router writes for a failed trigger (src/router.ts) and for an absorbed failure, through the real logger.
    const ledgerFailure = { requestId: 'r-1', trigger: 'CreateAuthChallenge_Authentication', errorCode: 'LEDGER_UNAVAILABLE', error: 'LedgerError' };

    // Act
    const [failure, absorbed, providerFailure] = await loggedLines(async (logger) => {
      logger.error('trigger failed', ledgerFailure);
      logger.warn('phone not marked verified', { outcome: 'mark-failed', errorCode: 'LEDGER_UNAVAILABLE' });
      logger.error('trigger failed', { ...ledgerFailure, errorCode: 'PROVIDER_TIMEOUT' });
    });

    // Assess
    expect(JSON.parse(failure ?? '')).toMatchObject({ level: 50, msg: 'trigger failed', errorCode: 'LEDGER_UNAVAILABLE' });
    expect(filterMatches(patterns.LedgerFailures ?? '', failure ?? '')).toBe(true);
    expect(filterMatches(patterns.ProviderFailures ?? '', failure ?? '')).toBe(false);
    expect(JSON.parse(absorbed ?? '')).toMatchObject({ level: 40, errorCode: 'LEDGER_UNAVAILABLE' });
    expect(filterMatches(patterns.LedgerFailures ?? '', absorbed ?? '')).toBe(true);
    expect(filterMatches(patterns.LedgerFailures ?? '', providerFailure ?? '')).toBe(false);
  });

  it('evaluates the subset as CloudWatch does: && before ||, wildcards, numbers', () => {
    // Assess
    expect(filterMatches('{ ($.level = 50) && ($.a = "X" || $.a = "Y") }', '{"level":50,"a":"Y"}')).toBe(true);
    expect(filterMatches('{ ($.level = 50) && ($.a = "X" || $.a = "Y") }', '{"level":40,"a":"Y"}')).toBe(false);
    expect(filterMatches('{ $.level = 50 && $.a = "X" || $.a = "Y" }', '{"level":40,"a":"Y"}')).toBe(true);
    expect(filterMatches('{ $.a = "Pro*" }', '{"a":"ProviderError"}')).toBe(true);
    expect(filterMatches('{ $.a = "Pro*" }', 'not json')).toBe(false);
    expect(() => parseFilterPattern('{ $.a ~ 1 }')).toThrow('filter pattern');
  });
});
