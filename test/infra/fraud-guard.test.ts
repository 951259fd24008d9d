import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SmsOtpSignIn, type SmsOtpSignInProps } from '../../infra/sms-otp-sign-in';
import { testApp } from '../support/cdk';

function synth(props: Partial<SmsOtpSignInProps> = {}) {
  const stack = new Stack(testApp(), 'Guarded');
  new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth' }, ...props });
  return Template.fromStack(stack);
}

const alarmNamed = (template: Template, id: string) =>
  Object.entries(template.findResources('AWS::CloudWatch::Alarm')).find(([logicalId]) => logicalId.includes(id))?.[1]?.Properties as Record<string, unknown>;

describe('the fraud and cost guard in the construct', () => {
  it('reserves no concurrency by default (a first deploy on an account limited to 10 must not fail), only when asked', () => {
    // Act
    const byDefault = synth();
    const chosen = synth({ reservedConcurrency: 5 });
    const none = synth({ reservedConcurrency: false });

    // Assess
    byDefault.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    chosen.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 5 });
    none.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    expect(() => synth({ reservedConcurrency: 0 })).toThrow(/reservedConcurrency is 0: it accepts a whole number from 1 to 1000, or false/);
  });

  it('adds the managed IP-reputation and anonymous-IP groups after the per-IP rule, each one able to be turned off', () => {
    // Act
    const ruleNames = (template: Template) =>
      (Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]?.Properties.Rules as { Name: string; Priority: number }[]).map((rule) => rule.Name);

    // Assess
    expect(ruleNames(synth())).toEqual(['RequestsPerIp', 'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesAnonymousIpList']);
    expect(ruleNames(synth({ wafIpReputation: false }))).toEqual(['RequestsPerIp', 'AWSManagedRulesAnonymousIpList']);
    expect(ruleNames(synth({ wafAnonymousIp: false }))).toEqual(['RequestsPerIp', 'AWSManagedRulesAmazonIpReputationList']);
  });

  it('draws a dashboard of SMS against the budget, conversion, refusals by rule, provider latency and errors', () => {
    // Prepare
    const template = synth({ dashboard: { smsBudgetPerHour: 150 } });

    // Act
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody);

    // Assess
    for (const title of [
      'SMS sent per hour, against the budget',
      'Conversion: sign-ins completed per SMS sent',
      'Refusals by rule',
      'Provider latency (ms)',
      'Errors',
    ]) {
      expect(body).toContain(title);
    }
    for (const part of ['SmsSent', 'SignedIn', 'ProviderLatency', 'p50', 'p99']) expect(body).toContain(part);
    expect(body).toMatch(/Refused.{1,12}Rule.{1,12}budget/);
    expect(body).toMatch(/value.{1,6}150/);
  });

  it('draws no dashboard when told not to, and keeps its alarms', () => {
    // Act
    const template = synth({ cloudWatchDashboard: false });

    // Assess
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    for (const id of ['BudgetReached', 'LowConversion', 'RefusalSpike']) expect(alarmNamed(template, id)).toBeDefined();
  });

  it('alarms when the budget is reached, when conversion stays low for an hour with enough sends, and when refusals spike', () => {
    // Prepare
    const template = synth({ dashboard: { minConversion: 0.25, conversionMinSends: 40, refusalSpike: 80 } });

    // Act
    const budget = alarmNamed(template, 'BudgetReached');
    const conversion = alarmNamed(template, 'LowConversion');
    const refusals = alarmNamed(template, 'RefusalSpike');

    // Assess
    expect(budget).toMatchObject({
      MetricName: 'Refused',
      Namespace: expect.stringMatching(/^CognitoSmsOtp\//),
      Dimensions: [{ Name: 'Rule', Value: 'budget' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(conversion).toMatchObject({ Threshold: 0.25, ComparisonOperator: 'LessThanThreshold', EvaluationPeriods: 1 });
    expect(JSON.stringify(conversion.Metrics)).toContain('IF(sent >= 40, FILL(signedIn, 0) / sent, 0.25)');
    expect(JSON.stringify(conversion.Metrics)).toContain('"Period":3600');
    expect(refusals).toMatchObject({ MetricName: 'Refused', Threshold: 80, Period: 300 });
    expect(refusals.Dimensions).toBeUndefined();
  });

  it('tells the function its metrics namespace, the one the dashboard reads', () => {
    // Prepare
    const template = synth();

    // Act
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const budget = alarmNamed(template, 'BudgetReached');

    // Assess
    expect(fn?.Properties.Environment.Variables.OTP_METRICS_NAMESPACE).toBe(budget.Namespace);
  });
});
