/** What one trigger invocation came to, counted for the dashboard and the alarms. */
export type CountedOutcome = 'sent' | 'reused' | 'refused' | 'correct' | 'wrong' | 'expired' | 'provider-failure';

export interface OutcomeCount {
  readonly outcome: CountedOutcome;
  /** For `refused`: the rule's code (`country`, `budget`, `resend-wait`, …). Never a number, a user or a code. */
  readonly rule?: string;
}

export interface ProviderCall {
  readonly operation: 'send' | 'check';
  readonly latencyMs: number;
}

/** Counts outcomes and times the provider. Implementations never throw: a metric lost must not fail a sign-in. */
export interface Metrics {
  count(count: OutcomeCount): void;
  providerCall(call: ProviderCall): void;
}
