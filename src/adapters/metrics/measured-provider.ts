import { AppError, PROVIDER_FAILURE_CODES } from '../../domain/errors';
import type { Metrics } from '../../domain/metrics';
import type { CodeCheck, CodeRequest, Deadline, OtpProvider } from '../../domain/ports';

/** Times every provider call, and counts its failures, around whichever provider is configured. */
export class MeasuredProvider implements OtpProvider {
  constructor(
    private readonly provider: OtpProvider,
    private readonly metrics: Metrics,
    private readonly now: () => number = () => performance.now(),
  ) {}

  sendCode(request: CodeRequest, deadline: Deadline): Promise<string> {
    return this.measure('send', () => this.provider.sendCode(request, deadline));
  }

  checkCode(check: CodeCheck, deadline: Deadline): Promise<boolean> {
    return this.measure('check', () => this.provider.checkCode(check, deadline));
  }

  private async measure<T>(operation: 'send' | 'check', call: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError && PROVIDER_FAILURE_CODES.includes(error.code)) this.metrics.count({ outcome: 'provider-failure' });
      throw error;
    } finally {
      this.metrics.providerCall({ operation, latencyMs: this.now() - started });
    }
  }
}
