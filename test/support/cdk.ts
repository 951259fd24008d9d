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
  const stack = new SmsOtpStack(testApp(), 'Test', { settings: { provider: 'easyauth', otp: {}, ...settings } });
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

type Resources = Record<string, { DependsOn?: string | string[] } & Record<string, unknown>>;

/**
 * A dependency cycle among a template's resources, which CloudFormation refuses at deploy time and
 * the synth does not notice: edges are Ref, Fn::GetAtt, Fn::Sub and DependsOn. Returns the cycle's
 * logical ids, or undefined.
 */
export function dependencyCycle(template: Template): string[] | undefined {
  const resources = template.toJSON().Resources as Resources;
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const targets = new Set<string>([resource.DependsOn ?? []].flat());
    collectReferences(resource, targets);
    edges.set(id, new Set([...targets].filter((target) => target in resources)));
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const target of edges.get(id) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((item) => collectReferences(item, into));
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') into.add(inner);
    else if (key === 'Fn::GetAtt' && Array.isArray(inner)) into.add(String(inner[0]));
    else if (key === 'Fn::Sub') for (const [, name] of JSON.stringify(inner).matchAll(/\$\{([^.}]+)/g)) into.add(String(name));
    else collectReferences(inner, into);
  }
}
