import { Container } from 'inversify';
import type { Config } from './adapters/runtime/config';
import { awsTarget } from './adapters/aws/services';
import { FakeSmsOutbox } from './adapters/providers/fake-sms';
import { HmacCodeForge } from './adapters/providers/hmac-codes';
import { DynamoDbSendBudget } from './adapters/ledger/dynamodb-budget';
import { DynamoDbCodeLedger } from './adapters/ledger/dynamodb-ledger';
import { EmfMetrics } from './adapters/metrics/emf-metrics';
import { measuredProvider } from './adapters/metrics/measured-provider';
import { LibPhoneNumberInspector } from './adapters/phone/libphonenumber-inspector';
import { createPinoLogger } from './adapters/runtime/pino-logger';
import { systemClock } from './adapters/runtime/system-clock';
import { systemTiming } from './adapters/runtime/system-timing';
import { CognitoUserDirectory } from './adapters/cognito/outbound/user-directory';
import { ConfirmPhone } from './domain/confirm-phone';
import { CreateChallenge } from './domain/create-challenge';
import { defineChallenge } from './domain/define-challenge';
import { checkLatencyModel, DEFAULT_SEND_MS } from './domain/latency';
import { DeliveryService } from './domain/delivery';
import { DynamoDbProviderHealth } from './adapters/ledger/dynamodb-provider-health';
import type { ProviderConfig } from './adapters/runtime/provider-config';
import { mayTextWith } from './domain/phone-inspection';
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
  const { Policy, Clock, Timing, Logger, Provider, UserDirectory, CodeForge, CodeLedger, SendBudget, PhoneInspector, Metrics } = DI_KEYS;
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(Policy).toConstantValue(config.policy);
  container.bind(Clock).toConstantValue(systemClock);
  container.bind(Timing).toConstantValue(systemTiming);
  provide(container, Logger, [], () => createPinoLogger(config.logLevel));
  provide(container, Metrics, [Clock], (clock) => new EmfMetrics(config.metricsNamespace, clock));
  // Every provider is timed and its failures counted, whichever it is.
  const measured = async (provider: ProviderConfig, clock: Clock, metrics: Bound<typeof Metrics>) =>
    measuredProvider(await createProvider(provider, config, clock), provider.kind, metrics);
  provide(container, Provider, [Clock, Metrics], (clock, metrics) => measured(config.provider, clock, metrics));
  // The primary, and the fallback behind it (each measured under its own name) with the breaker shared by every instance.
  provide(container, DI_KEYS.Delivery, [Provider, Clock, Metrics, Logger, Timing], async (primary, clock, metrics, logger, timing) => {
    const { fallback } = config;
    const providers = [{ name: config.provider.kind, provider: primary }];
    if (fallback) providers.push({ name: fallback.provider.kind, provider: await measured(fallback.provider, clock, metrics) });
    const health = fallback && new DynamoDbProviderHealth({ tableName: config.ledger.tableName, breaker: fallback.breaker, aws: dynamodb() });
    return new DeliveryService(providers, { ...(health && { health }), metrics, logger, timing, defaultSendMs: DEFAULT_SEND_MS });
  });
  provide(container, UserDirectory, [], () => new CognitoUserDirectory(config.aws));
  provide(container, PhoneInspector, [], () => new LibPhoneNumberInspector());
  provide(container, CodeForge, [], () => new HmacCodeForge(config.hmacSecret));
  // The ledger and the budget share one table; DynamoDB is called through the light signed client (no SDK on the cold path).
  const dynamodb = () => awsTarget('dynamodb', config.aws);
  provide(
    container,
    CodeLedger,
    [Policy],
    (policy) => new DynamoDbCodeLedger({ tableName: config.ledger.tableName, keySecret: config.hmacSecret, limits: policy, aws: dynamodb() }),
  );
  provide(
    container,
    SendBudget,
    [],
    () => new DynamoDbSendBudget({ tableName: config.ledger.tableName, keySecret: config.hmacSecret, limits: config.ledger.budget, aws: dynamodb() }),
  );

  provide(container, DI_KEYS.DefineChallenge, [Policy], defineChallenge);
  provide(
    container,
    DI_KEYS.CreateChallenge,
    [Policy, DI_KEYS.Delivery, CodeLedger, SendBudget, CodeForge, Clock, PhoneInspector],
    (policy, delivery, ledger, budget, forge, clock, phones) =>
      new CreateChallenge({
        policy,
        delivery,
        ledger,
        budget,
        forge,
        clock,
        phones,
        mayText: mayTextWith(phones, config.allowedCountries, config.allowedNumberTypes),
      }),
  );
  provide(
    container,
    DI_KEYS.VerifyAnswer,
    [Policy, DI_KEYS.Delivery, Metrics, CodeLedger, CodeForge, Clock, Timing, PhoneInspector],
    (policy, delivery, metrics, ledger, forge, clock, timing, phones) =>
      new VerifyAnswer({ policy, delivery, metrics, ledger, forge, clock, phones, checkLatency: checkLatencyModel(timing) }),
  );
  provide(
    container,
    DI_KEYS.PreSignUp,
    [UserDirectory, PhoneInspector],
    (directory, phones) => new PreSignUp(directory, phones, config.allowedCountries, config.allowedNumberTypes),
  );
  provide(
    container,
    DI_KEYS.ConfirmPhone,
    [UserDirectory, CodeLedger, Clock, PhoneInspector],
    (directory, ledger, clock, phones) => new ConfirmPhone(directory, ledger, clock, phones),
  );
  return container;
}

async function createProvider(config: ProviderConfig, { aws }: Config, clock: Clock): Promise<OtpProvider> {
  switch (config.kind) {
    case 'easyauth': {
      // Loaded only when chosen; over node:http (src/adapters/http/exchange.ts), so no undici at cold start.
      const { EasyAuthProvider } = await import('./adapters/providers/easyauth');
      return new EasyAuthProvider(config);
    }
    case 'sns': {
      // Loaded only when chosen; it speaks to SNS through the light signed client, never retried.
      const { SnsSmsDelivery } = await import('./adapters/providers/sns');
      return new SnsSmsDelivery(awsTarget('sns', aws), config.sms);
    }
    case 'solapi': {
      // Loaded only when chosen; over node:http, as every call out; codes are made and checked here, as for SNS.
      const { createSolapiProvider } = await import('./adapters/providers/solapi');
      return createSolapiProvider(config.solapi);
    }
    case 'twilio': {
      // Loaded only when chosen; over node:http, as every call out; Twilio Verify keeps the code.
      const { createTwilioProvider } = await import('./adapters/providers/twilio');
      return createTwilioProvider(config.twilio);
    }
    case 'fake':
      return new FakeSmsOutbox(config.outbox, clock, config.fail);
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
