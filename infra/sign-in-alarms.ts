import { Duration, Names } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type IFilterPattern, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ERROR_CODES, LEDGER_FAILURE_CODES, PHONE_VERIFICATION_FAILURE_CODES, PROVIDER_FAILURE_CODES } from '../src/domain/errors';

export interface SignInAlarmsProps {
  readonly function: IFunction;
  readonly logGroup: ILogGroup;
  readonly topic?: ITopic | undefined;
}

const PERIOD = Duration.minutes(5);

/** Lines that carry one of `codes` in `errorCode`, the stable code every logged failure has (src/adapters/cognito/inbound/public-errors.ts). */
const withCode = (codes: readonly string[]) => FilterPattern.any(...codes.map((code) => FilterPattern.stringValue('$.errorCode', '=', code)));

/**
 * The router logs every failure as one JSON line at level 50 with its `errorCode`; provider failures
 * (timeout, unreachable, rejected, bad answer) have the codes src/domain/errors.ts lists for this alarm.
 */
export const PROVIDER_FAILURE_PATTERN = FilterPattern.all(FilterPattern.numberValue('$.level', '=', 50), withCode(PROVIDER_FAILURE_CODES));

/**
 * The ledger table could not be reached in time: Create sent nothing, Verify issued nothing (level 50), or
 * PostAuthentication could not read the proof (level 40, absorbed). Either way users are affected.
 */
export const LEDGER_FAILURE_PATTERN = withCode(LEDGER_FAILURE_CODES);

/**
 * PostAuthentication's update of `phone_number_verified` is best effort: a failure does not fail the
 * sign-in, it is logged (level 40) with the directory's code and counted.
 */
export const PHONE_VERIFICATION_FAILURE_PATTERN = withCode(PHONE_VERIFICATION_FAILURE_CODES);

/**
 * A sign-up PreSignUp refused for the user's own input (a number that is invalid, from a country not allowed, or of
 * a kind that cannot get a code), logged at level 30. Cognito hears of a refusal only through the function's error,
 * so the Errors alarm subtracts these. A refusal because the client lookup failed is logged at level 40: an error.
 */
export const SIGN_UP_REFUSAL_PATTERN = FilterPattern.all(FilterPattern.numberValue('$.level', '=', 30), withCode([ERROR_CODES.signUpRefused]));

/** Alarms on what stops users signing in: function errors, throttles, a failing SMS provider; and on phones left unverified. */
export class SignInAlarms extends Construct {
  readonly errors: Alarm;
  readonly throttles: Alarm;
  readonly providerFailures: Alarm;
  readonly phoneVerificationFailures: Alarm;
  readonly ledgerFailures: Alarm;

  constructor(scope: Construct, id: string, props: SignInAlarmsProps) {
    super(scope, id);
    const countFromLogs = (metricName: string, filterPattern: IFilterPattern) =>
      props.logGroup.addMetricFilter(metricName, {
        filterPattern,
        // One namespace per construct, so two deployments in one account never add up.
        metricNamespace: `CognitoSmsOtp/${Names.uniqueId(this)}`,
        metricName,
        metricValue: '1',
      });
    const providerFailures = countFromLogs('ProviderFailures', PROVIDER_FAILURE_PATTERN);
    const phoneVerificationFailures = countFromLogs('PhoneVerificationFailures', PHONE_VERIFICATION_FAILURE_PATTERN);
    const ledgerFailures = countFromLogs('LedgerFailures', LEDGER_FAILURE_PATTERN);
    const signUpRefusals = countFromLogs('SignUpRefusals', SIGN_UP_REFUSAL_PATTERN);

    // Errors still include a few of users' own (a pool user without a phone number), hence a few before alarming;
    // one throttle already means a sign-in failed; a few provider failures mean an outage, not a blip.
    this.errors = this.alarm(
      'Errors',
      new MathExpression({
        // FILL: a period with errors and no refusal line has no refusals datapoint, and would otherwise have no value.
        expression: 'FILL(errors, 0) - FILL(refusals, 0)',
        usingMetrics: {
          errors: props.function.metricErrors({ period: PERIOD, statistic: 'Sum' }),
          refusals: signUpRefusals.metric({ period: PERIOD, statistic: 'Sum' }),
        },
        label: 'Function errors, less sign-ups refused for the user’s own input',
        period: PERIOD,
      }),
      5,
      'The sign-in function failed 5 or more times in 5 minutes (sign-ups refused for the user’s own input not counted).',
    );
    this.throttles = this.alarm(
      'Throttles',
      props.function.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
      1,
      'The sign-in function was throttled: sign-ins failed.',
    );
    this.providerFailures = this.alarm(
      'ProviderFailures',
      providerFailures.metric({ period: PERIOD, statistic: 'Sum' }),
      3,
      'The SMS provider failed 3 or more times in 5 minutes (timeouts, refusals, bad answers): users get no code.',
    );
    this.phoneVerificationFailures = this.alarm(
      'PhoneVerificationFailures',
      phoneVerificationFailures.metric({ period: PERIOD, statistic: 'Sum' }),
      5,
      'PostAuthentication could not mark phones verified 5 or more times in 5 minutes (users still signed in): check the role and the pool.',
    );
    this.ledgerFailures = this.alarm(
      'LedgerFailures',
      ledgerFailures.metric({ period: PERIOD, statistic: 'Sum' }),
      1,
      'The verification ledger table could not be reached: sign-ins fail closed (no SMS, no tokens) until it answers again.',
    );
    if (props.topic) {
      const action = new SnsAction(props.topic);
      for (const alarm of [this.errors, this.throttles, this.providerFailures, this.phoneVerificationFailures, this.ledgerFailures]) {
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
