import type { CountedOutcome, DeliveryEvent } from '../../domain/metrics';

/** The metric each outcome is counted under; the dashboard and alarms (infra/) read the same names. */
export const OUTCOME_METRICS = {
  sent: 'SmsSent',
  reused: 'CodeReused',
  refused: 'Refused',
  correct: 'SignedIn',
  wrong: 'WrongAnswer',
  expired: 'CodeExpired',
  'provider-failure': 'ProviderFailure',
} as const satisfies Record<CountedOutcome, string>;

export const PROVIDER_LATENCY_METRIC = 'ProviderLatency';

/** The metric each delivery event is counted under, with the provider (and the channel, or the failure kind) as dimensions. */
export const DELIVERY_METRICS = {
  sent: 'ProviderSent',
  failed: 'ProviderFailed',
  fallback: 'FallbackTaken',
  'breaker-opened': 'BreakerOpened',
  'signed-in': 'ProviderSignedIn',
} as const satisfies Record<DeliveryEvent['kind'], string>;
export const PROVIDER_DIMENSION = 'Provider';
export const CHANNEL_DIMENSION = 'Channel';
export const FAILURE_DIMENSION = 'Kind';
/** The only dimensions: the refusal's rule, the provider operation, the provider, its channel, a failure's kind. No phone, user, country code or client. */
export const RULE_DIMENSION = 'Rule';
export const OPERATION_DIMENSION = 'Operation';
export const DEFAULT_METRICS_NAMESPACE = 'CognitoSmsOtp';

/** Every rule a refusal may name, for the dashboard's lines. */
export const REFUSAL_RULES = [
  'resend-wait',
  'phone-daily-cap',
  'country',
  'number-type',
  'not-mobile',
  'not-canonical',
  'invalid',
  'range',
  'budget',
  'lookup-failed',
] as const;
