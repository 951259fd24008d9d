import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { SmsOtpSignIn, type SmsOtpSignInProps } from '../../infra/sms-otp-sign-in';
import { testApp, unsuppressedNagFindings } from '../support/cdk';

function synth(provider: SmsOtpSignInProps['provider'], withTopic = false) {
  const stack = new Stack(testApp(), 'Delivery');
  const alarmTopic = withTopic ? new Topic(stack, 'Alarms', { enforceSSL: true }) : undefined;
  new SmsOtpSignIn(stack, 'SignIn', {
    provider,
    alarmTopic,
    settings: {
      solapiSender: '02-1234-5678',
      appName: 'Hello',
      snsSenderId: 'HELLO',
      twilioVerifyServiceSid: 'VA0123456789abcdef0123456789abcdef',
      twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
    },
  });
  return { stack, template: Template.fromStack(stack) };
}

const dashboardBody = (template: Template) => JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody);
const alarmNamed = (template: Template, id: string) =>
  Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([logicalId]) => logicalId.includes(id))?.[1]?.Properties as
    Record<string, unknown> | undefined;
/** A metric line of the dashboard naming these parts in this order (its dimensions come sorted by name), e.g. `ProviderSent Channel sms Provider easyauth`. */
const line = (...parts: string[]) => new RegExp(parts.join('[\\\\",]+'));
/** The metrics of a metric-math alarm, as `name dim=value …`, and its expression. */
const mathOf = (alarm: Record<string, unknown> | undefined) => {
  const queries = (alarm?.Metrics ?? []) as { Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions?: unknown[] }; Period: number } }[];
  return {
    expression: queries.find((query) => query.Expression)?.Expression,
    periods: queries.flatMap((query) => (query.MetricStat ? [query.MetricStat.Period] : [])),
    metrics: queries.flatMap((query) => (query.MetricStat ? [query.MetricStat.Metric.MetricName] : [])),
  };
};

describe('the delivery figures on the dashboard', () => {
  it('draws sent by channel, failures by kind and conversion for the one provider, and no fallback or breaker line', () => {
    // Act
    const { template } = synth({ kind: 'easyauth' });

    // Assess
    const body = dashboardBody(template);
    for (const title of ['Sent per provider, by channel', 'Provider failures, by kind', 'Conversion per provider: sign-ins per code sent']) {
      expect(body).toContain(title);
    }
    expect(body).toMatch(line('ProviderSent', 'Channel', 'sms', 'Provider', 'easyauth'));
    for (const kind of ['refused', 'unreachable', 'out-of-contract', 'timeout'])
      expect(body).toMatch(line('ProviderFailed', 'Kind', kind, 'Provider', 'easyauth'));
    expect(body).toContain('ProviderSignedIn');
    expect(body).not.toContain('FallbackTaken');
    expect(body).not.toContain('BreakerOpened');
    expect(body).not.toContain('alimtalk');
    expect(alarmNamed(template, 'FallbackCarriesTraffic')).toBeUndefined();
    expect(alarmNamed(template, 'BreakerOpened')).toBeUndefined();
  });

  it('with a fallback, draws both providers (AlimTalk for solapi only), the fallbacks taken and the breaker openings', () => {
    // Act
    const { template } = synth({ kind: 'easyauth', fallback: { kind: 'solapi' } });

    // Assess
    const body = dashboardBody(template);
    expect(body).toContain('Fallback to solapi, and breaker openings');
    expect(body).toMatch(line('FallbackTaken', 'Provider', 'solapi'));
    for (const provider of ['easyauth', 'solapi']) {
      expect(body).toMatch(line('BreakerOpened', 'Provider', provider));
      expect(body).toContain(`${provider} sign-ins per code`);
    }
    expect(body).toMatch(line('ProviderSent', 'Channel', 'alimtalk', 'Provider', 'solapi'));
    expect(body).not.toMatch(line('ProviderSent', 'Channel', 'alimtalk', 'Provider', 'easyauth'));
    expect(body).not.toContain('twilio');
  });
});

describe('the delivery alarms', () => {
  it('alarms when the fallback sends over half the codes for two 15-minute periods, counting only periods of 10 or more sends', () => {
    // Act
    const { template } = synth({ kind: 'easyauth', fallback: { kind: 'sns' } });

    // Assess
    const alarm = alarmNamed(template, 'FallbackCarriesTraffic');
    expect(alarm).toMatchObject({ Threshold: 0.5, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 2, TreatMissingData: 'notBreaching' });
    expect(mathOf(alarm)).toEqual({
      expression: 'IF(sent >= 10, FILL(fallback, 0) / sent, 0)',
      periods: [900, 900],
      metrics: expect.arrayContaining(['ProviderSent', 'FallbackTaken']),
    });
  });

  it('alarms on one breaker opening in 5 minutes', () => {
    // Act
    const { template } = synth({ kind: 'solapi', fallback: { kind: 'twilio' } });

    // Assess
    const alarm = alarmNamed(template, 'BreakerOpened');
    expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
    expect(mathOf(alarm)).toEqual({ expression: undefined, periods: [300], metrics: ['BreakerOpened'] });
  });

  it('sends both to the alarm topic, on alarm and on recovery, and stays nag-clean', () => {
    // Act
    const { stack, template } = synth({ kind: 'easyauth', fallback: { kind: 'sns' } }, true);

    // Assess
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    for (const id of ['FallbackCarriesTraffic', 'BreakerOpened']) {
      expect(alarmNamed(template, id)).toMatchObject({ AlarmActions: [{ Ref: topic }], OKActions: [{ Ref: topic }] });
    }
    expect(unsuppressedNagFindings(stack)).toEqual([]);
  });
});
