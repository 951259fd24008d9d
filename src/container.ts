import { Container } from 'inversify';
import type { Config, ProviderConfig } from './adapters/config';
import { FAKE_SMS_SECRET, FakeSmsOutbox } from './adapters/fake-sms';
import { HmacCodeProvider } from './adapters/hmac-codes';
import { EmfMetrics } from './adapters/metrics/emf-metrics';
import { MeasuredProvider } from './adapters/metrics/measured-provider';
import { LibPhoneNumberInspector } from './adapters/phone/libphonenumber-inspector';
import { createPinoLogger } from './adapters/pino-logger';
import { systemClock } from './adapters/system-clock';
import { CognitoUserDirectory } from './adapters/cognito-directory';
import { ConfirmPhone } from './domain/confirm-phone';
import { CreateChallenge } from './domain/create-challenge';
import { defineChallenge } from './domain/define-challenge';
import type { OtpPolicy } from './domain/policy';
import type { Clock, OtpProvider } from './domain/ports';
import { PreSignUp } from './domain/pre-sign-up';
import { VerifyAnswer } from './domain/verify-answer';
import type { Services } from './router';
import { type Bound, DI_KEYS, type DiKey } from './di-keys';

/**
 * Binds `key` to what `factory` makes from `dependencies`, each declared once: the factory's parameter types
 * follow from the keys. A factory, not a decorated class: esbuild emits no decorator metadata.
 */
function provide<T, const D extends readonly DiKey<unknown>[]>(
  container: Container,
  key: DiKey<T>,
  dependencies: D,
  factory: (...resolved: { [I in keyof D]: Bound<D[I]> }) => T | Promise<T>,
): void {
  container.bind(key).toResolvedValue(factory as (...resolved: unknown[]) => T | Promise<T>, [...dependencies]);
}

/**
 * Wires ports to adapters from the configuration, in singleton scope: built once per cold start.
 * Tests rebind any key (`container.rebind(DI_KEYS.Clock).toConstantValue(…)`) before the first `getAsync`.
 */
export function buildContainer(config: Config): Container {
  const { Policy, Clock, Logger, Provider, UserDirectory, PhoneInspector, Metrics } = DI_KEYS;
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(Policy).toConstantValue(config.policy);
  container.bind(Clock).toConstantValue(systemClock);
  provide(container, Logger, [], () => createPinoLogger(config.logLevel));
  provide(container, Metrics, [Clock], (clock) => new EmfMetrics(config.metricsNamespace, clock));
  // Every provider is timed and its failures counted, whichever it is.
  provide(
    container,
    Provider,
    [Policy, Clock, Metrics],
    async (policy, clock, metrics) => new MeasuredProvider(await createProvider(config.provider, policy, clock), metrics),
  );
  provide(container, UserDirectory, [], () => new CognitoUserDirectory(config.userPoolEndpoint));
  provide(container, PhoneInspector, [], () => new LibPhoneNumberInspector());

  provide(container, DI_KEYS.DefineChallenge, [Policy], defineChallenge);
  provide(container, DI_KEYS.CreateChallenge, [Policy, Provider, Clock, PhoneInspector], (...deps) => new CreateChallenge(...deps));
  provide(container, DI_KEYS.VerifyAnswer, [Policy, Provider, Clock, PhoneInspector], (...deps) => new VerifyAnswer(...deps));
  provide(container, DI_KEYS.PreSignUp, [UserDirectory, PhoneInspector], (directory, phones) => new PreSignUp(directory, phones, config.allowedCountries));
  provide(container, DI_KEYS.ConfirmPhone, [UserDirectory], (directory) => new ConfirmPhone(directory));
  return container;
}

async function createProvider(config: ProviderConfig, policy: OtpPolicy, clock: Clock): Promise<OtpProvider> {
  switch (config.kind) {
    case 'easyauth': {
      // Loaded only when chosen; over node:http (src/adapters/http/exchange.ts), so no undici at cold start.
      const { EasyAuthProvider } = await import('./adapters/easyauth');
      return new EasyAuthProvider(config);
    }
    case 'sns': {
      // Loaded only when chosen; it speaks to SNS through the light signed client, never retried.
      const [{ SnsSmsDelivery }, { AWS_SERVICES, awsTarget }] = await Promise.all([import('./adapters/sns'), import('./adapters/aws/services')]);
      return new HmacCodeProvider(config.hmacSecret, policy.codeLength, new SnsSmsDelivery(awsTarget(AWS_SERVICES.sns, config.aws), config.sms));
    }
    case 'solapi': {
      // Loaded only when chosen: ky, and with it node's fetch (undici); codes are made and checked here, as for SNS.
      const { createSolapiProvider } = await import('./adapters/solapi');
      return createSolapiProvider(config.solapi, config.hmacSecret, policy.codeLength);
    }
    case 'twilio': {
      // Loaded only when chosen: ky, and with it node's fetch (undici); Twilio Verify keeps the code.
      const { createTwilioProvider } = await import('./adapters/twilio');
      return createTwilioProvider(config.twilio);
    }
    case 'fake':
      return new HmacCodeProvider(FAKE_SMS_SECRET, policy.codeLength, new FakeSmsOutbox(config.outbox, clock));
  }
}

/**
 * The router's services, resolved once, one after another: async because a provider's adapter is loaded on
 * demand, and in turn so that the singletons they share (the provider) are made once.
 */
export async function resolveServices(container: Container): Promise<Services> {
  return {
    define: await container.getAsync<Services['define']>(DI_KEYS.DefineChallenge),
    create: await container.getAsync<Services['create']>(DI_KEYS.CreateChallenge),
    verify: await container.getAsync<Services['verify']>(DI_KEYS.VerifyAnswer),
    preSignUp: await container.getAsync<Services['preSignUp']>(DI_KEYS.PreSignUp),
    confirmPhone: await container.getAsync<Services['confirmPhone']>(DI_KEYS.ConfirmPhone),
    logger: await container.getAsync<Services['logger']>(DI_KEYS.Logger),
    metrics: await container.getAsync<Services['metrics']>(DI_KEYS.Metrics),
  };
}
