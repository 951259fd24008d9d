import type { Admission, ProviderHealth } from '../../src/domain/delivery';
import type { BreakerLimits } from '../../src/domain/delivery';

interface Breaker {
  failures: number;
  windowStart?: number;
  openUntil?: number;
}

/**
 * Breakers in one process's memory, on the same rules as the DynamoDB adapter: for domain unit tests only. Fakes
 * given one `breakers` map share them, as the function's instances share the table.
 */
export class MemoryProviderHealth implements ProviderHealth {
  constructor(
    private readonly settings: BreakerLimits,
    readonly breakers = new Map<string, Breaker>(),
  ) {}

  async admit(provider: string, now: number): Promise<Admission> {
    const breaker = this.breakers.get(provider);
    if (breaker?.openUntil === undefined) return { kind: 'closed' };
    if (breaker.openUntil > now) return { kind: 'open' };
    breaker.openUntil = now + this.settings.cooloffSeconds * 1000;
    return { kind: 'trial', until: breaker.openUntil };
  }

  async failed(provider: string, now: number): Promise<'counted' | 'opened'> {
    const breaker = this.breakers.get(provider) ?? { failures: 0 };
    this.breakers.set(provider, breaker);
    if (breaker.windowStart !== undefined && breaker.windowStart > now - this.settings.windowSeconds * 1000) breaker.failures += 1;
    else [breaker.windowStart, breaker.failures] = [now, 1];
    if (breaker.failures < this.settings.failures || (breaker.openUntil !== undefined && breaker.openUntil > now)) return 'counted';
    this.breakers.set(provider, { failures: 0, openUntil: now + this.settings.cooloffSeconds * 1000 });
    return 'opened';
  }

  async recovered(provider: string, trial: Extract<Admission, { kind: 'trial' }>): Promise<void> {
    if (this.breakers.get(provider)?.openUntil === trial.until) this.breakers.delete(provider);
  }
}
