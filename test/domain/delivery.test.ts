import { describe, expect, it } from 'vitest';
import { RecordingMetrics } from '../../src/adapters/metrics/emf-metrics';
import { DeliveryService, routeFor, sentNothing } from '../../src/domain/delivery';
import { ProviderRejectedError, ProviderResponseError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import type { OtpProvider } from '../../src/domain/ports';
import { FakeTiming, KeepingProvider, noDeadline, RecordingDelivery, RecordingLogger } from '../support/fakes';
import { MemoryProviderHealth } from '../support/memory-provider-health';

const PHONE = '+821012345678' as PhoneNumber;
const T0 = Date.parse('2026-12-02T10:00:00Z');
const d = noDeadline();
const BREAKER = { failures: 2, windowSeconds: 60, cooloffSeconds: 120 };

/** A provider whose next sends fail with these errors, in order, then succeed. */
function failingWith(...errors: Error[]): RecordingDelivery & OtpProvider {
  const provider = new RecordingDelivery();
  const deliver = provider.deliver.bind(provider);
  provider.deliver = async (phone, code) => {
    const error = errors.shift();
    if (error) throw error;
    return deliver(phone, code);
  };
  return provider;
}

function service(primary: OtpProvider, fallback: OtpProvider | undefined, health = new MemoryProviderHealth(BREAKER)) {
  const metrics = new RecordingMetrics();
  const logger = new RecordingLogger();
  const providers = [{ name: 'primary', provider: primary }, ...(fallback ? [{ name: 'fallback', provider: fallback }] : [])];
  return { delivery: new DeliveryService(providers, { health, metrics, logger, timing: new FakeTiming(), defaultSendMs: 150 }), metrics, logger, health };
}

describe('sentNothing', () => {
  it('is true for a refusal, an unreachable provider and a reply out of contract; false for a timeout and for a bug', () => {
    // Prepare, Act, Assess
    expect(sentNothing(new ProviderRejectedError('no'))).toBe(true);
    expect(sentNothing(new ProviderUnreachableError('down'))).toBe(true);
    expect(sentNothing(new ProviderResponseError('nonsense'))).toBe(true);
    expect(sentNothing(new ProviderTimeoutError('slow'))).toBe(false);
    expect(sentNothing(new TypeError('a bug'))).toBe(false);
  });
});

describe('routeFor', () => {
  const providers = [
    { name: 'a', provider: new RecordingDelivery() },
    { name: 'b', provider: new RecordingDelivery() },
  ];

  it('tries the primary first, the fallback behind it, when closed or on trial', () => {
    // Prepare, Act, Assess
    expect(routeFor(providers, { kind: 'closed' }).order.map((p) => p.name)).toEqual(['a', 'b']);
    expect(routeFor(providers, { kind: 'trial', until: 1 }).order.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('skips the primary while its breaker is open, but never a lone provider', () => {
    // Prepare, Act
    const open = routeFor(providers, { kind: 'open' });
    const alone = routeFor(providers.slice(0, 1), { kind: 'open' });

    // Assess
    expect(open.order.map((p) => p.name)).toEqual(['b']);
    expect(open.skipped).toBe('a');
    expect(alone.order.map((p) => p.name)).toEqual(['a']);
  });
});

describe('DeliveryService', () => {
  it('falls over on a definite failure: one SMS through the fallback, the failover counted', async () => {
    // Prepare
    const fallback = new KeepingProvider();
    const { delivery, metrics } = service(failingWith(new ProviderRejectedError('refused')), fallback);

    // Act
    const sender = await delivery.send(await delivery.route(T0, d), PHONE, '123456', T0, d);

    // Assess
    expect(sender).toBe('fallback');
    expect(fallback.started).toEqual([PHONE]);
    expect(metrics.deliveries).toEqual([{ kind: 'fallback', from: 'primary', to: 'fallback', reason: 'failed' }]);
  });

  it('never falls over after a timeout', async () => {
    // Prepare
    const fallback = new RecordingDelivery();
    const { delivery } = service(failingWith(new ProviderTimeoutError('slow')), fallback);

    // Act
    const sent = delivery.send(await delivery.route(T0, d), PHONE, '123456', T0, d);

    // Assess
    await expect(sent).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(fallback.sent).toEqual([]);
  });

  it('when both fail definitely, the last error goes on', async () => {
    // Prepare
    const { delivery } = service(failingWith(new ProviderRejectedError('first')), failingWith(new ProviderUnreachableError('second')));

    // Act
    const sent = delivery.send(await delivery.route(T0, d), PHONE, '123456', T0, d);

    // Assess
    await expect(sent).rejects.toThrow('second');
  });

  it('opens the breaker after the threshold, logs it with a stable code, then routes straight to the fallback', async () => {
    // Prepare
    const primary = failingWith(new ProviderUnreachableError('down'), new ProviderUnreachableError('down'));
    const fallback = new RecordingDelivery();
    const { delivery, metrics, logger } = service(primary, fallback);
    await delivery.send(await delivery.route(T0, d), PHONE, '111111', T0, d);
    await delivery.send(await delivery.route(T0, d), PHONE, '222222', T0, d);

    // Act
    const route = await delivery.route(T0 + 1000, d);
    const sender = await delivery.send(route, PHONE, '333333', T0 + 1000, d);

    // Assess
    expect(sender).toBe('fallback');
    expect(primary.sent).toEqual([]);
    expect(metrics.deliveries.filter((e) => e.kind === 'breaker-opened')).toEqual([{ kind: 'breaker-opened', provider: 'primary' }]);
    expect(metrics.deliveries.at(-1)).toEqual({ kind: 'fallback', from: 'primary', to: 'fallback', reason: 'breaker-open' });
    expect(JSON.stringify(logger)).toContain('PROVIDER_BREAKER_OPENED');
  });

  it('without a fallback reads no breaker and counts nothing', async () => {
    // Prepare
    const health = new MemoryProviderHealth(BREAKER);
    const { delivery } = service(failingWith(new ProviderRejectedError('refused')), undefined, health);

    // Act
    const sent = delivery.send(await delivery.route(T0, d), PHONE, '123456', T0, d);

    // Assess
    await expect(sent).rejects.toBeInstanceOf(ProviderRejectedError);
    expect(health.breakers.size).toBe(0);
  });
});
