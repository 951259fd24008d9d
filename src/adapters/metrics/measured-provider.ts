import { AppError, PROVIDER_FAILURE_CODES } from '../../domain/errors';
import type { Metrics } from '../../domain/metrics';
import type { OtpProvider } from '../../domain/ports';

/**
 * Times every provider call, and counts its failures, around whichever provider is configured. The provider's kind
 * is kept: a provider that makes codes here stays one, and so does one that keeps its codes.
 */
export function measuredProvider(provider: OtpProvider, metrics: Metrics, now: () => number = () => performance.now()): OtpProvider {
  const measure = async <T>(operation: 'send' | 'check', call: () => Promise<T>): Promise<T> => {
    const started = now();
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError && PROVIDER_FAILURE_CODES.includes(error.code)) metrics.count({ outcome: 'provider-failure' });
      throw error;
    } finally {
      metrics.providerCall({ operation, latencyMs: now() - started });
    }
  };
  if (provider.kind === 'made-here') {
    return { kind: 'made-here', deliver: (phone, code, deadline) => measure('send', () => provider.deliver(phone, code, deadline)) };
  }
  return {
    kind: 'kept-by-provider',
    startVerification: (phone, deadline) => measure('send', () => provider.startVerification(phone, deadline)),
    checkCode: (phone, code, deadline) => measure('check', () => provider.checkCode(phone, code, deadline)),
  };
}
