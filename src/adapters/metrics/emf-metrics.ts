import type { DeliveryEvent, Metrics, OutcomeCount, ProviderCall } from '../../domain/metrics';
import type { Clock } from '../../domain/ports';
import {
  CHANNEL_DIMENSION,
  DELIVERY_METRICS,
  FAILURE_DIMENSION,
  OPERATION_DIMENSION,
  OUTCOME_METRICS,
  PROVIDER_DIMENSION,
  PROVIDER_LATENCY_METRIC,
  RULE_DIMENSION,
} from './metric-names';

/**
 * CloudWatch Embedded Metric Format: one JSON line on stdout per record, which CloudWatch Logs turns into metrics
 * (no PutMetricData call, nothing on the hot path but a write). `_aws.CloudWatchMetrics` names the namespace, the
 * dimension sets and the metrics; the values are members of the root. An empty dimension set publishes the metric
 * without dimensions, so totals need no metric math.
 */
export class EmfMetrics implements Metrics {
  constructor(
    private readonly namespace: string,
    private readonly clock: Clock,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  count({ outcome, rule }: OutcomeCount): void {
    const name = OUTCOME_METRICS[outcome];
    const dimensions = rule === undefined ? [[]] : [[RULE_DIMENSION], []];
    this.emit(dimensions, [{ Name: name, Unit: 'Count' }], { ...(rule !== undefined && { [RULE_DIMENSION]: rule }), [name]: 1 });
  }

  providerCall({ operation, latencyMs, provider }: ProviderCall): void {
    this.emit([[PROVIDER_DIMENSION, OPERATION_DIMENSION], [OPERATION_DIMENSION], []], [{ Name: PROVIDER_LATENCY_METRIC, Unit: 'Milliseconds' }], {
      [PROVIDER_DIMENSION]: provider,
      [OPERATION_DIMENSION]: operation,
      [PROVIDER_LATENCY_METRIC]: Math.round(latencyMs),
    });
  }

  /** Per provider and in total; `sent` also per channel, `failed` also per kind, `fallback` by the provider that took over. */
  delivery(event: DeliveryEvent): void {
    const name = DELIVERY_METRICS[event.kind];
    const provider = event.kind === 'fallback' ? event.to : event.provider;
    const extra: Record<string, string> =
      event.kind === 'sent' ? { [CHANNEL_DIMENSION]: event.channel } : event.kind === 'failed' ? { [FAILURE_DIMENSION]: event.failure } : {};
    const [extraDimension] = Object.keys(extra);
    const dimensions = extraDimension ? [[PROVIDER_DIMENSION, extraDimension], [PROVIDER_DIMENSION], []] : [[PROVIDER_DIMENSION], []];
    this.emit(dimensions, [{ Name: name, Unit: 'Count' }], { [PROVIDER_DIMENSION]: provider, ...extra, [name]: 1 });
  }

  private emit(dimensions: string[][], metrics: { Name: string; Unit: string }[], members: Record<string, string | number>): void {
    const record = {
      _aws: { Timestamp: this.clock.now(), CloudWatchMetrics: [{ Namespace: this.namespace, Dimensions: dimensions, Metrics: metrics }] },
      ...members,
    };
    try {
      this.write(`${JSON.stringify(record)}\n`);
    } catch {
      // A metric lost must not fail a sign-in.
    }
  }
}

/** The fake: keeps what it was told. */
export class RecordingMetrics implements Metrics {
  readonly counts: OutcomeCount[] = [];
  readonly calls: ProviderCall[] = [];
  readonly deliveries: DeliveryEvent[] = [];
  count(count: OutcomeCount): void {
    this.counts.push(count);
  }
  providerCall(call: ProviderCall): void {
    this.calls.push(call);
  }
  delivery(event: DeliveryEvent): void {
    this.deliveries.push(event);
  }
}
