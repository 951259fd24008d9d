import { AppError, PROVIDER_FAILURE_CODES, ProviderRejectedError, ProviderResponseError, ProviderTimeoutError } from '../../domain/errors';
import type { Metrics, ProviderFailureKind, ProviderName } from '../../domain/metrics';
import type { OtpProvider } from '../../domain/ports';

/**
 * Times every provider call, and counts its sends and failures, per provider, around whichever providers are
 * configured. The provider's kind is kept: a provider that makes codes here stays one, and so does one that keeps its codes.
 */
export function measuredProvider(provider: OtpProvider, name: ProviderName, metrics: Metrics, now: () => number = () => performance.now()): OtpProvider {
  const measure = async <T>(operation: 'send' | 'check', call: () => Promise<T>): Promise<T> => {
    const started = now();
    try {
      const result = await call();
      if (operation === 'send') metrics.delivery({ kind: 'sent', provider: name, channel: (provider.kind === 'made-here' && provider.channel) || 'sms' });
      return result;
    } catch (error) {
      if (error instanceof AppError && PROVIDER_FAILURE_CODES.includes(error.code)) {
        metrics.count({ outcome: 'provider-failure' });
        metrics.delivery({ kind: 'failed', provider: name, failure: failureKind(error) });
      }
      throw error;
    } finally {
      metrics.providerCall({ operation, latencyMs: now() - started, provider: name });
    }
  };
  if (provider.kind === 'made-here') {
    return {
      kind: 'made-here',
      ...(provider.channel && { channel: provider.channel }),
      deliver: (phone, code, deadline) => measure('send', () => provider.deliver(phone, code, deadline)),
    };
  }
  return {
    kind: 'kept-by-provider',
    startVerification: (phone, deadline) => measure('send', () => provider.startVerification(phone, deadline)),
    checkCode: (phone, code, deadline) => measure('check', () => provider.checkCode(phone, code, deadline)),
  };
}

function failureKind(error: AppError): ProviderFailureKind {
  if (error instanceof ProviderTimeoutError) return 'timeout';
  if (error instanceof ProviderRejectedError) return 'refused';
  if (error instanceof ProviderResponseError) return 'out-of-contract';
  return 'unreachable';
}
