import { Container } from 'inversify';
import type { Config, ProviderConfig } from './adapters/config';
import { FAKE_SMS_SECRET, FakeSmsOutbox } from './adapters/fake-sms';
import { HmacCodeProvider } from './adapters/hmac-codes';
import { createPinoLogger } from './adapters/pino-logger';
import { systemClock } from './adapters/system-clock';
import { CognitoUserDirectory } from './adapters/cognito-directory';
import { ConfirmPhone } from './domain/confirm-phone';
import { CreateChallenge } from './domain/create-challenge';
import { DefineChallenge } from './domain/define-challenge';
import type { OtpPolicy } from './domain/policy';
import type { Clock, OtpProvider, UserDirectory } from './domain/ports';
import { PreSignUp } from './domain/pre-sign-up';
import { VerifyAnswer } from './domain/verify-answer';
import type { Services } from './router';
import { resolve, TOKENS } from './tokens';

/**
 * Wires ports to adapters from the configuration. Every binding is a factory with
 * explicit tokens: esbuild emits no decorator metadata, so nothing may depend on it.
 * Tests rebind any token (`container.rebind(TOKENS.Clock).toConstantValue(…)`) before the first `get`.
 */
export function buildContainer(config: Config): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Policy).toConstantValue(config.policy);
  container.bind(TOKENS.Clock).toConstantValue(systemClock);
  container.bind(TOKENS.Logger).toResolvedValue(() => createPinoLogger(config.logLevel));
  container
    .bind(TOKENS.Provider)
    .toResolvedValue((policy: OtpPolicy, clock: Clock) => createProvider(config.provider, policy, clock), [TOKENS.Policy, TOKENS.Clock]);

  container.bind(TOKENS.UserDirectory).toResolvedValue(() => new CognitoUserDirectory(config.userPoolEndpoint));

  container.bind(TOKENS.DefineChallenge).toResolvedValue((policy: OtpPolicy) => new DefineChallenge(policy), [TOKENS.Policy]);
  container
    .bind(TOKENS.CreateChallenge)
    .toResolvedValue(
      (policy: OtpPolicy, provider: OtpProvider, clock: Clock) => new CreateChallenge(policy, provider, clock),
      [TOKENS.Policy, TOKENS.Provider, TOKENS.Clock],
    );
  container
    .bind(TOKENS.VerifyAnswer)
    .toResolvedValue(
      (policy: OtpPolicy, provider: OtpProvider, clock: Clock) => new VerifyAnswer(policy, provider, clock),
      [TOKENS.Policy, TOKENS.Provider, TOKENS.Clock],
    );
  container.bind(TOKENS.PreSignUp).toResolvedValue(() => new PreSignUp());
  container.bind(TOKENS.ConfirmPhone).toResolvedValue((directory: UserDirectory) => new ConfirmPhone(directory), [TOKENS.UserDirectory]);
  return container;
}

async function createProvider(config: ProviderConfig, policy: OtpPolicy, clock: Clock): Promise<OtpProvider> {
  switch (config.kind) {
    case 'easyauth': {
      // Loaded only when chosen: ky builds a Request at import, which loads node's fetch (undici).
      const { EasyAuthProvider } = await import('./adapters/easyauth');
      return new EasyAuthProvider(config);
    }
    case 'sns': {
      // Loaded only when chosen; it speaks to SNS through the light signed client, never retried.
      const [{ SnsSmsDelivery }, { AWS_SERVICES, awsTarget }] = await Promise.all([import('./adapters/sns'), import('./adapters/aws/services')]);
      return new HmacCodeProvider(config.hmacSecret, policy.codeLength, new SnsSmsDelivery(awsTarget(AWS_SERVICES.sns, config.aws), config.sms));
    }
    case 'fake':
      return new HmacCodeProvider(FAKE_SMS_SECRET, policy.codeLength, new FakeSmsOutbox(config.outbox, clock));
  }
}

export async function resolveServices(container: Container): Promise<Services> {
  return {
    define: await resolve(container, TOKENS.DefineChallenge),
    create: await resolve(container, TOKENS.CreateChallenge),
    verify: await resolve(container, TOKENS.VerifyAnswer),
    preSignUp: await resolve(container, TOKENS.PreSignUp),
    confirmPhone: await resolve(container, TOKENS.ConfirmPhone),
    logger: await resolve(container, TOKENS.Logger),
  };
}
