import { Duration, Names } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface SignInAlarmsProps {
  readonly function: IFunction;
  readonly logGroup: ILogGroup;
  readonly topic?: ITopic | undefined;
}

const PERIOD = Duration.minutes(5);

/**
 * The router logs every failure as one JSON line at level 50 whose `error` is the failure's class
 * name; provider failures are the classes named `Provider…` (timeout, unreachable, rejected, bad answer).
 */
export const PROVIDER_FAILURE_PATTERN = FilterPattern.all(
  FilterPattern.numberValue('$.level', '=', 50),
  FilterPattern.stringValue('$.error', '=', 'Provider*'),
);

/** Alarms on what stops users signing in: function errors, throttles, and a failing SMS provider. */
export class SignInAlarms extends Construct {
  readonly errors: Alarm;
  readonly throttles: Alarm;
  readonly providerFailures: Alarm;

  constructor(scope: Construct, id: string, props: SignInAlarmsProps) {
    super(scope, id);
    const providerFailures = props.logGroup.addMetricFilter('ProviderFailures', {
      filterPattern: PROVIDER_FAILURE_PATTERN,
      // One namespace per construct, so two deployments in one account never add up.
      metricNamespace: `CognitoSmsOtp/${Names.uniqueId(this)}`,
      metricName: 'ProviderFailures',
      metricValue: '1',
    });

    // Errors include users' own (a pool user without a phone number), hence a few before alarming;
    // one throttle already means a sign-in failed; a few provider failures mean an outage, not a blip.
    this.errors = this.alarm('Errors', props.function.metricErrors({ period: PERIOD, statistic: 'Sum' }), 5, 'The sign-in function failed 5 or more times in 5 minutes.');
    this.throttles = this.alarm('Throttles', props.function.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 1, 'The sign-in function was throttled: sign-ins failed.');
    this.providerFailures = this.alarm(
      'ProviderFailures',
      providerFailures.metric({ period: PERIOD, statistic: 'Sum' }),
      3,
      'The SMS provider failed 3 or more times in 5 minutes (timeouts, refusals, bad answers): users get no code.',
    );
    if (props.topic) {
      const action = new SnsAction(props.topic);
      for (const alarm of [this.errors, this.throttles, this.providerFailures]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    return new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
  }
}
