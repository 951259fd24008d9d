import { Duration } from 'aws-cdk-lib';
import { type IMetric, type IWidget, GraphWidget, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { CHANNEL_DIMENSION, DELIVERY_METRICS, FAILURE_DIMENSION, PROVIDER_DIMENSION } from '../src/adapters/metrics/metric-names';
import type { Channel, ProviderFailureKind } from '../src/domain/metrics';
import type { ProviderKind } from '../src/settings/setting';

const FIVE_MINUTES = Duration.minutes(5);
const HOUR = Duration.hours(1);
const FAILURE_KINDS: readonly ProviderFailureKind[] = ['refused', 'unreachable', 'out-of-contract', 'timeout'];

/** Only Solapi sends AlimTalk (a KakaoTalk message, SMS behind it); every other provider texts. */
const channelsOf = (provider: ProviderKind): readonly Channel[] => (provider === 'solapi' ? ['sms', 'alimtalk'] : ['sms']);

/**
 * "The fallback carries most of the traffic": the fallback's sends over all sends, per 15 minutes, alarming when
 * above half for 2 periods running, counted only in periods with at least this many sends. The breaker's cool-off
 * (2 minutes by default) makes a short outage a few minutes of fallback, under one period's half; 30 minutes
 * sustained means the primary is down or refusing, which costs (another price, another sender) and wants a look.
 * 10 sends per 15 minutes: a stray failover at night (1 of 2 sends) reads 0, never 50 %.
 */
export const FALLBACK_SHARE = { period: Duration.minutes(15), periods: 2, threshold: 0.5, minSends: 10 } as const;

/** The delivery figures of the dashboard for the configured provider(s), from DELIVERY_METRICS (src/adapters/metrics/metric-names.ts). */
export class DeliveryFigures {
  /** FallbackTaken / ProviderSent (all providers): only with a fallback. */
  readonly fallbackShare: MathExpression | undefined;
  /** BreakerOpened, all providers, per 5 minutes: only with a fallback (the breaker skips to it). */
  readonly breakerOpened: IMetric | undefined;
  readonly widgets: IWidget[][];

  constructor(
    private readonly namespace: string,
    readonly provider: ProviderKind,
    readonly fallback: ProviderKind | undefined,
  ) {
    const all = fallback === undefined ? [provider] : [provider, fallback];
    this.fallbackShare =
      fallback === undefined
        ? undefined
        : new MathExpression({
            // A period under the volume floor reads 0, so it never alarms; a period with sends and no fallback reads 0.
            expression: `IF(sent >= ${FALLBACK_SHARE.minSends}, FILL(fallback, 0) / sent, 0)`,
            usingMetrics: {
              sent: this.metric(DELIVERY_METRICS.sent, FALLBACK_SHARE.period),
              fallback: this.metric(DELIVERY_METRICS.fallback, FALLBACK_SHARE.period),
            },
            period: FALLBACK_SHARE.period,
            label: 'share of sends by the fallback',
          });
    this.breakerOpened = fallback === undefined ? undefined : this.metric(DELIVERY_METRICS['breaker-opened'], FIVE_MINUTES).with({ label: 'breaker openings' });
    this.widgets = [
      [
        new GraphWidget({
          title: 'Sent per provider, by channel',
          left: all.flatMap((provider) =>
            channelsOf(provider).map((channel) =>
              this.metric(DELIVERY_METRICS.sent, FIVE_MINUTES, { [PROVIDER_DIMENSION]: provider, [CHANNEL_DIMENSION]: channel }).with({
                label: `${provider} ${channel}`,
              }),
            ),
          ),
          stacked: true,
          width: 12,
        }),
        new GraphWidget({
          title: 'Provider failures, by kind',
          left: all.flatMap((provider) =>
            FAILURE_KINDS.map((kind) =>
              this.metric(DELIVERY_METRICS.failed, FIVE_MINUTES, { [PROVIDER_DIMENSION]: provider, [FAILURE_DIMENSION]: kind }).with({
                label: `${provider} ${kind}`,
              }),
            ),
          ),
          stacked: true,
          width: 12,
        }),
      ],
      [
        new GraphWidget({
          title: 'Conversion per provider: sign-ins per code sent',
          left: all.map((provider, index) => this.conversion(provider, index)),
          leftYAxis: { min: 0, max: 1 },
          width: fallback === undefined ? 24 : 12,
        }),
        ...(fallback === undefined
          ? []
          : [
              new GraphWidget({
                title: `Fallback to ${fallback}, and breaker openings`,
                left: [this.metric(DELIVERY_METRICS.fallback, FIVE_MINUTES, { [PROVIDER_DIMENSION]: fallback }).with({ label: `taken over by ${fallback}` })],
                right: all.map((provider) =>
                  this.metric(DELIVERY_METRICS['breaker-opened'], FIVE_MINUTES, { [PROVIDER_DIMENSION]: provider }).with({
                    label: `${provider} breaker opened`,
                  }),
                ),
                width: 12,
              }),
            ]),
      ],
    ];
  }

  /** ProviderSignedIn / ProviderSent of one provider per hour; an hour with sends and no sign-in reads 0. */
  private conversion(provider: ProviderKind, index: number): MathExpression {
    const dimensions = { [PROVIDER_DIMENSION]: provider };
    return new MathExpression({
      expression: `FILL(signedIn${index}, 0) / sent${index}`,
      usingMetrics: {
        [`sent${index}`]: this.metric(DELIVERY_METRICS.sent, HOUR, dimensions),
        [`signedIn${index}`]: this.metric(DELIVERY_METRICS['signed-in'], HOUR, dimensions),
      },
      period: HOUR,
      label: `${provider} sign-ins per code`,
    });
  }

  private metric(metricName: string, period: Duration, dimensionsMap?: Record<string, string>): Metric {
    return new Metric({ namespace: this.namespace, metricName, period, statistic: 'Sum', ...(dimensionsMap && { dimensionsMap }) });
  }
}
