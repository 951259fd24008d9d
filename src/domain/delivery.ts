import { ERROR_CODES, ProviderError, ProviderTimeoutError } from './errors';
import { LatencyModel } from './latency';
import type { Metrics, ProviderName } from './metrics';
import type { PhoneNumber } from './phone';
import type { Deadline, Logger, OtpProvider, Timing } from './ports';

/** A configured provider under the name OTP_PROVIDER / OTP_FALLBACK_PROVIDER gives it. */
export interface NamedProvider {
  readonly name: ProviderName;
  readonly provider: OtpProvider;
}

/** What a provider's breaker lets a Create do: try it, skip it, or try it once as the trial after the cool-off. */
export type Admission = { readonly kind: 'closed' } | { readonly kind: 'open' } | { readonly kind: 'trial'; readonly until: number };

/** When a provider's breaker opens, and for how long: OTP_BREAKER_FAILURES, OTP_BREAKER_WINDOW_SECONDS, OTP_BREAKER_COOLOFF_SECONDS. */
export interface BreakerLimits {
  readonly failures: number;
  readonly windowSeconds: number;
  readonly cooloffSeconds: number;
}

/**
 * Each provider's recent definite failures, shared by every instance (a breaker): opened after too many within a
 * window, it keeps Creates off the provider for a cool-off, then lets exactly one trial send through.
 * Adapters make every rule one conditional write; they may throw, and the caller treats a failing breaker as closed.
 */
export interface ProviderHealth {
  /** Whether `provider` may be tried now; `trial` for the one caller whose write claimed the trial after the cool-off. */
  admit(provider: ProviderName, now: number, deadline: Deadline): Promise<Admission>;
  /** Counts one definite failure (never a timeout); `opened` for the one caller whose write opened the breaker. */
  failed(provider: ProviderName, now: number, deadline: Deadline): Promise<'counted' | 'opened'>;
  /** The trial send succeeded: the provider is back in, its count starts again. */
  recovered(provider: ProviderName, trial: Extract<Admission, { kind: 'trial' }>, deadline: Deadline): Promise<void>;
}

/** Which providers a send tries, in order, and why: the primary with the fallback behind it, or the fallback alone (breaker open). */
export interface Route {
  readonly order: readonly NamedProvider[];
  readonly admission: Admission;
  /** The first provider is the fallback because the primary's breaker is open. */
  readonly skipped?: ProviderName;
}

/**
 * Whether a failed send definitely sent nothing: the provider refused it, could not be reached, or answered out of
 * contract. A timeout is not: the request may have reached the provider and the SMS may still arrive, so its claim
 * (and with it the resend wait) stands, no other provider is tried, and a retry continues with that code rather than
 * texting a second one. Anything that is not a provider's error (a bug) keeps the claim too: fail closed.
 */
export function sentNothing(error: unknown): boolean {
  return error instanceof ProviderError && !(error instanceof ProviderTimeoutError);
}

/** The route a breaker admission gives: the primary's breaker open skips it; the fallback, the last resort, is never skipped. */
export function routeFor(providers: readonly NamedProvider[], admission: Admission): Route {
  const [primary, ...rest] = providers;
  if (!primary) throw new Error('delivery needs a provider');
  if (admission.kind === 'open' && rest.length > 0) return { order: rest, admission, skipped: primary.name };
  return { order: providers, admission };
}

/**
 * Sends a code through the primary provider, or through the fallback when the primary definitely sent nothing or
 * its breaker is open: at most one SMS per send, never after a timeout, all within the one deadline.
 */
export class DeliveryService {
  private readonly latency = new Map<ProviderName, LatencyModel>();

  constructor(
    readonly providers: readonly NamedProvider[],
    private readonly deps: {
      readonly health?: ProviderHealth;
      readonly metrics: Metrics;
      readonly logger: Logger;
      readonly timing: Timing;
      readonly defaultSendMs: number;
    },
  ) {
    if (providers.length === 0) throw new Error('delivery needs a provider');
    for (const { name } of providers) this.latency.set(name, new LatencyModel(deps.timing, deps.defaultSendMs));
  }

  get primary(): NamedProvider {
    return this.providers[0]!;
  }

  /** Whether any provider of the pair sends a code made here: then Create makes the code and its proof before the claim. */
  get makesCodesHere(): boolean {
    return this.providers.some(({ provider }) => provider.kind === 'made-here');
  }

  provider(name: ProviderName | undefined): OtpProvider {
    return (this.providers.find((p) => p.name === name) ?? this.primary).provider;
  }

  /** How long a send through `name` takes: an unknown user's send waits as long. */
  sendLatency(name: ProviderName): LatencyModel {
    return this.latency.get(name) ?? this.latency.get(this.primary.name)!;
  }

  /**
   * Starts timing a known user's send (the provider calls, a failover's included); call the function returned
   * with the provider that sent, to record it as that provider's latency (never on failure).
   */
  startSend(): (sender: ProviderName) => void {
    const started = this.deps.timing.elapsed();
    return (sender) => this.sendLatency(sender).record(this.deps.timing.elapsed() - started);
  }

  /** The route for a send now, from the primary's breaker (one read; none when no fallback is configured). A failing breaker reads as closed. */
  async route(now: number, deadline: Deadline): Promise<Route> {
    const { health } = this.deps;
    if (!health || this.providers.length < 2) return routeFor(this.providers, { kind: 'closed' });
    let admission: Admission;
    try {
      admission = await health.admit(this.primary.name, now, deadline);
    } catch {
      admission = { kind: 'closed' };
    }
    return routeFor(this.providers, admission);
  }

  /**
   * Sends through the route's first provider, then the next only if the first definitely sent nothing. Returns the
   * provider that sent. A timeout, or any error that is not a definite failure, goes on at once; when every provider
   * failed definitely, the last error goes on (the caller gives the claim back).
   */
  async send(route: Route, phone: PhoneNumber, code: string, now: number, deadline: Deadline): Promise<ProviderName> {
    const { metrics } = this.deps;
    if (route.skipped) metrics.delivery({ kind: 'fallback', from: route.skipped, to: route.order[0]!.name, reason: 'breaker-open' });
    // A failure is counted in the breaker while the next provider already sends: the fallback waits for no write.
    const counting: Promise<void>[] = [];
    try {
      let lastError: unknown;
      for (const [index, { name, provider }] of route.order.entries()) {
        const trial = index === 0 && route.admission.kind === 'trial' && !route.skipped ? route.admission : undefined;
        try {
          await (provider.kind === 'made-here' ? provider.deliver(phone, code, deadline) : provider.startVerification(phone, deadline));
          if (trial) await this.bestEffort(() => this.deps.health!.recovered(name, trial, deadline));
          return name;
        } catch (error) {
          if (!sentNothing(error)) throw error;
          lastError = error;
          counting.push(this.countFailure(name, now, deadline, trial !== undefined));
          const next = route.order[index + 1];
          if (next) metrics.delivery({ kind: 'fallback', from: name, to: next.name, reason: 'failed' });
        }
      }
      throw lastError;
    } finally {
      await Promise.all(counting);
    }
  }

  private async countFailure(name: ProviderName, now: number, deadline: Deadline, trial: boolean): Promise<void> {
    const { health } = this.deps;
    if (!health || this.providers.length < 2) return;
    const counted = await this.bestEffort(() => health.failed(name, now, deadline));
    // A failed trial reopens the breaker: its claim already set the next cool-off.
    if (counted === 'opened' || trial) {
      this.deps.metrics.delivery({ kind: 'breaker-opened', provider: name });
      this.deps.logger.warn('provider breaker opened: Creates skip it for the cool-off', { errorCode: ERROR_CODES.breakerOpened, provider: name, trial });
    }
  }

  /** A breaker write that fails must not fail a send that succeeded, nor hide the provider's own error. */
  private async bestEffort<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch {
      return undefined;
    }
  }
}
