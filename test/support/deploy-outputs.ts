/**
 * What `cdk deploy` prints for a stack's outputs (`Outputs:`, then `<stack>.<output> = <value>` sorted by name, as the
 * CLI does), each value resolved as CloudFormation would with stand-ins for what only a deploy knows. README shows
 * these same stand-ins, so that the test can compare README's text with the synthesized template.
 */
export const DEPLOYED = { region: 'ap-northeast-2', account: '123456789012' } as const;

/** A deployed resource's `Ref`, by its type: the id Cognito makes, a secret's ARN (name from its logical id, as CloudFormation names it). */
const REFS: Record<string, (logicalId: string) => string> = {
  'AWS::Cognito::UserPool': () => `${DEPLOYED.region}_AbCdEf123`,
  'AWS::Cognito::UserPoolClient': () => '3n4b5urk1ft4fl3mg5e62d9ado',
  'AWS::SecretsManager::Secret': (id) => `arn:aws:secretsmanager:${DEPLOYED.region}:${DEPLOYED.account}:secret:${id}-Ab12Cd34Ef56-GhIjKl`,
  'AWS::DynamoDB::Table': (id) => `MyApp-${id}-1A2B3C4D5E6F`,
};
const PSEUDO: Record<string, string> = {
  'AWS::Region': DEPLOYED.region,
  'AWS::AccountId': DEPLOYED.account,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

interface Template {
  readonly Resources: Record<string, { readonly Type: string }>;
  readonly Outputs?: Record<string, { readonly Value: unknown }>;
}

function resolve(value: unknown, template: Template): string {
  if (typeof value === 'string') return value;
  const { Ref: ref, 'Fn::Join': join } = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (ref !== undefined) {
    const pseudo = PSEUDO[ref];
    if (pseudo !== undefined) return pseudo;
    const type = template.Resources[ref]?.Type ?? '';
    const stand = REFS[type];
    if (stand === undefined) throw new Error(`no stand-in for the Ref of ${ref} (${type}): add one to test/support/deploy-outputs.ts`);
    return stand(ref);
  }
  if (join !== undefined) return join[1].map((part) => resolve(part, template)).join(join[0]);
  throw new Error(`cannot resolve ${JSON.stringify(value)} offline`);
}

/** The lines `cdk deploy` prints after deploying `stackId` from `template`. */
export function printedOutputs(stackId: string, template: Template): string {
  const outputs = Object.entries(template.Outputs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return ['Outputs:', ...outputs.map(([name, { Value }]) => `${stackId}.${name} = ${resolve(Value, template)}`)].join('\n');
}
