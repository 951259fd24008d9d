import { App, Aspects, type Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ExampleSettings } from '../../infra/context';
import { SmsOtpStack } from '../../infra/sms-otp-stack';

/**
 * An app that checks every stack with cdk-nag's AwsSolutions pack. It skips bundling and CDK's
 * CloudFormation schema validation (5 s each time): the app test runs both, on the real app.
 */
export function testApp(context: Record<string, unknown> = {}): App {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context }, builtinCloudFormationValidation: false });
  Aspects.of(app).add(new AwsSolutionsChecks());
  return app;
}

export function exampleStack(settings: Partial<ExampleSettings> = {}): { stack: SmsOtpStack; template: Template } {
  const stack = new SmsOtpStack(testApp(), 'Test', { settings: { provider: 'easyauth', function: {}, secrets: {}, ...settings } });
  return { stack, template: Template.fromStack(stack) };
}

/** cdk-nag's findings that no suppression covers, as "rule at path" lines. Call after Template.fromStack. */
export function unsuppressedNagFindings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  const findings = [
    ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-')),
    ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-')),
  ];
  return findings.map((finding) => `${String(finding.entry.data).split(':')[0]} at ${finding.id}`);
}

/** The verification ledger's table as infra/ledger-table.ts defines it: pk only, on demand, TTL on expiresAt, encrypted, deleted with its stack. */
export const LEDGER_TABLE_RESOURCE = {
  DeletionPolicy: 'Delete',
  Properties: {
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    SSESpecification: { SSEEnabled: true },
  },
};
