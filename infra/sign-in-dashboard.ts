import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type HorizontalAnnotation,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ProviderKind } from '../src/settings/setting';
import { DeliveryFigures, FALLBACK_SHARE } from './delivery-figures';
import { OPERATION_DIMENSION, OUTCOME_METRICS, PROVIDER_LATENCY_METRIC, REFUSAL_RULES, RULE_DIMENSION } from '../src/adapters/metrics/metric-names';

export interface SignInDashboardProps {
  readonly function: IFunction;
  /** The namespace the function writes its EMF metrics to (OTP_METRICS_NAMESPACE). */
  readonly namespace: string;
  /** Drawn as the line SMS per hour must stay under. @default 200, the function's default OTP_SMS_BUDGET_PER_HOUR */
  readonly smsBudgetPerHour?: number;
  /**
   * Sign-ins completed per SMS sent under which, for an hour, the conversion alarm fires: pumped numbers never
   * answer. @default 0.3
   */
  readonly minConversion?: number;
  /** The conversion alarm counts only hours with at least this many SMS, so a quiet night does not page. @default 20 */
  readonly conversionMinSends?: number;
  /** Refusals (all rules) in 5 minutes at or above which the refusal alarm fires. @default 50 */
  readonly refusalSpike?: number;
  /** Where alarms notify. @default alarms without actions */
  readonly topic?: ITopic | undefined;
  /** The provider the function sends with (OTP_PROVIDER): its delivery figures are drawn. @default none drawn */
  readonly provider?: ProviderKind;
  /** The fallback (OTP_FALLBACK_PROVIDER): its figures are drawn, and the fallback and breaker alarms made. @default none */
  readonly fallback?: ProviderKind | undefined;
  /** Draw the dashboard; `false` keeps only its alarms (3 dashboards per account are free, each further one is billed monthly). @default true */
  readonly draw?: boolean;
}

const HOUR = Duration.hours(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * The fraud and cost view of sign-in, from the function's EMF metrics (src/adapters/metrics): SMS per hour against
 * the budget, conversion, refusals by rule, provider latency and errors; and the alarms on them.
 */
export class SignInDashboard extends Construct {
  /** Absent with `draw: false`. */
  readonly dashboard: Dashboard | undefined;
  readonly budgetReached: Alarm;
  readonly lowConversion: Alarm;
  readonly refusalSpike: Alarm;
  /** With a fallback: it sent more than half the codes for 30 minutes (infra/delivery-figures.ts says why those numbers). */
  readonly fallbackCarriesTraffic: Alarm | undefined;
  /** With a fallback: a provider's breaker opened (its definite failures crossed OTP_BREAKER_FAILURES in the window). */
  readonly breakerOpened: Alarm | undefined;

  constructor(scope: Construct, id: string, props: SignInDashboardProps) {
    super(scope, id);
    const budget = props.smsBudgetPerHour ?? 200;
    const minConversion = props.minConversion ?? 0.3;
    const minSends = props.conversionMinSends ?? 20;
    const metric = (metricName: string, period: Duration, dimensionsMap?: Record<string, string>, statistic = 'Sum') =>
      new Metric({ namespace: props.namespace, metricName, period, statistic, ...(dimensionsMap && { dimensionsMap }) });

    const sentPerHour = metric(OUTCOME_METRICS.sent, HOUR).with({ label: 'SMS sent' });
    const signedInPerHour = metric(OUTCOME_METRICS.correct, HOUR).with({ label: 'sign-ins completed' });
    // Hours under the floor read as exactly the threshold, so they never alarm; an hour with no sign-in at all reads 0.
    const conversion = new MathExpression({
      expression: `IF(sent >= ${minSends}, FILL(signedIn, 0) / sent, ${minConversion})`,
      usingMetrics: { sent: sentPerHour, signedIn: signedInPerHour },
      period: HOUR,
      label: 'sign-ins per SMS',
    });
    const refusals = metric(OUTCOME_METRICS.refused, FIVE_MINUTES);
    const budgetRefusals = metric(OUTCOME_METRICS.refused, FIVE_MINUTES, { [RULE_DIMENSION]: 'budget' });
    const latency = (statistic: string) => metric(PROVIDER_LATENCY_METRIC, FIVE_MINUTES, undefined, statistic).with({ label: `provider ${statistic}` });

    const delivery = props.provider === undefined ? undefined : new DeliveryFigures(props.namespace, props.provider, props.fallback);

    this.dashboard =
      props.draw === false
        ? undefined
        : new Dashboard(this, 'Dashboard', {
            widgets: [
              [
                new GraphWidget({
                  title: 'SMS sent per hour, against the budget',
                  left: [sentPerHour],
                  leftAnnotations: [{ value: budget, label: 'hourly budget', color: '#d62728' } satisfies HorizontalAnnotation],
                  width: 12,
                }),
                new GraphWidget({ title: 'Conversion: sign-ins completed per SMS sent', left: [conversion], leftYAxis: { min: 0, max: 1 }, width: 12 }),
              ],
              [
                new GraphWidget({
                  title: 'Refusals by rule',
                  left: REFUSAL_RULES.map((rule) => metric(OUTCOME_METRICS.refused, FIVE_MINUTES, { [RULE_DIMENSION]: rule }).with({ label: rule })),
                  stacked: true,
                  width: 12,
                }),
                new GraphWidget({
                  title: 'Provider latency (ms)',
                  left: [latency('p50'), latency('p99')],
                  right: [metric(PROVIDER_LATENCY_METRIC, FIVE_MINUTES, { [OPERATION_DIMENSION]: 'send' }, 'p99').with({ label: 'send p99' })],
                  width: 12,
                }),
              ],
              [
                new GraphWidget({
                  title: 'Errors',
                  left: [
                    props.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
                    props.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
                    metric(OUTCOME_METRICS['provider-failure'], FIVE_MINUTES).with({ label: 'provider failures' }),
                  ],
                  width: 24,
                }),
              ],
              ...(delivery?.widgets ?? []),
            ],
          });

    this.budgetReached = this.alarm('BudgetReached', budgetRefusals, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, {
      description: 'The SMS budget is reached: no SMS goes out until the window turns, and sign-ins fail. Look for pumping before raising it.',
    });
    this.lowConversion = this.alarm('LowConversion', conversion, minConversion, ComparisonOperator.LESS_THAN_THRESHOLD, 1, {
      description: `Under ${minConversion} sign-ins per SMS for an hour with ${minSends}+ SMS sent: codes go to numbers nobody answers from (SMS pumping?).`,
    });
    this.refusalSpike = this.alarm('RefusalSpike', refusals, props.refusalSpike ?? 50, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, {
      description: 'Many sign-ins refused by the fraud and cost rules in 5 minutes: see the dashboard for which rule.',
    });
    this.fallbackCarriesTraffic =
      delivery?.fallbackShare &&
      this.alarm(
        'FallbackCarriesTraffic',
        delivery.fallbackShare,
        FALLBACK_SHARE.threshold,
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        FALLBACK_SHARE.periods,
        {
          description: `The fallback ${props.fallback} sent over half the codes for ${FALLBACK_SHARE.periods} periods of ${FALLBACK_SHARE.period.toMinutes()} minutes (each with ${FALLBACK_SHARE.minSends}+ sends): ${props.provider} is failing. See its failures by kind on the dashboard.`,
        },
      );
    this.breakerOpened =
      delivery?.breakerOpened &&
      this.alarm('BreakerOpened', delivery.breakerOpened, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, {
        description: `A provider's breaker opened: it failed OTP_BREAKER_FAILURES times within the window, and sends skip it to the fallback for the cool-off.`,
      });
    if (props.topic) {
      const action = new SnsAction(props.topic);
      const optional = [this.fallbackCarriesTraffic, this.breakerOpened].filter((alarm) => alarm !== undefined);
      for (const alarm of [this.budgetReached, this.lowConversion, this.refusalSpike, ...optional]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    comparisonOperator: ComparisonOperator,
    evaluationPeriods: number,
    text: { description: string },
  ) {
    return new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator,
      evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: text.description,
    });
  }
}
