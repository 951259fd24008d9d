/** What one trigger invocation came to, counted for the dashboard and the alarms. */
export type CountedOutcome = 'sent' | 'reused' | 'refused' | 'correct' | 'wrong' | 'expired' | 'provider-failure';

export interface OutcomeCount {
  readonly outcome: CountedOutcome;
  /** For `refused`: the rule's code (`country`, `budget`, `resend-wait`, …). Never a number, a user or a code. */
  readonly rule?: string;
}

/** A configured provider's name (`easyauth`, `solapi`, …), as OTP_PROVIDER and OTP_FALLBACK_PROVIDER spell it. */
export type ProviderName = string;

/** How a code reached the phone: an SMS, or a KakaoTalk AlimTalk (with the provider's SMS replacement behind it). */
export type Channel = 'sms' | 'alimtalk';

/** Why a provider call failed: the first three sent nothing; after a timeout the SMS may still arrive. */
export type ProviderFailureKind = 'refused' | 'unreachable' | 'out-of-contract' | 'timeout';

export interface ProviderCall {
  readonly operation: 'send' | 'check';
  readonly latencyMs: number;
  readonly provider: ProviderName;
}

/** What delivery did, per provider: the dashboard's sent, failed, fallback, breaker and conversion lines. */
export type DeliveryEvent =
  | { readonly kind: 'sent'; readonly provider: ProviderName; readonly channel: Channel }
  | { readonly kind: 'failed'; readonly provider: ProviderName; readonly failure: ProviderFailureKind }
  /** The fallback sent instead of the primary: the primary definitely sent nothing, or its breaker was open. */
  | { readonly kind: 'fallback'; readonly from: ProviderName; readonly to: ProviderName; readonly reason: 'failed' | 'breaker-open' }
  | { readonly kind: 'breaker-opened'; readonly provider: ProviderName }
  /** A code this provider sent signed someone in: with `sent`, the conversion per provider. */
  | { readonly kind: 'signed-in'; readonly provider: ProviderName };

/** Counts outcomes and times the provider. Implementations never throw: a metric lost must not fail a sign-in. */
export interface Metrics {
  count(count: OutcomeCount): void;
  providerCall(call: ProviderCall): void;
  delivery(event: DeliveryEvent): void;
}
