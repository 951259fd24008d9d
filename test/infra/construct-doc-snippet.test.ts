import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/cdk';

/**
 * The construct block of docs/deployment.md ("The construct in your own CDK app"), run as written inside a stack
 * that has the `userPool` and `alarmTopic` it names, and synthesized. Its values differ from the defaults, so a prop
 * the construct ignores (renamed, misspelt) fails here as surely as one it refuses.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOC = 'docs/deployment.md';
const TRIGGERS = ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'PreSignUp', 'PostAuthentication'];

async function constructBlock(): Promise<string> {
  const doc = await readFile(`${ROOT}${DOC}`, 'utf8');
  const found = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, body = '']) => body).filter((body) => body.startsWith('new SmsOtpSignIn(this,'));
  if (found.length !== 1) throw new Error(`${DOC} has ${found.length} \`\`\`ts blocks starting with "new SmsOtpSignIn(this,"; expected one`);
  return found[0] ?? '';
}

/** The block as the body of a stack's constructor, with the pool and topic it refers to; written under .local/ (git-ignored) and imported. */
async function docStack(block: string): Promise<new (scope: Construct, id: string) => Stack> {
  const source = `import { Stack } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { SmsOtpSignIn } from '${pathToFileURL(`${ROOT}infra/cdk.ts`).href}';

export class DocStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const userPool = new UserPool(this, 'Pool', { signInAliases: { phone: true }, selfSignUpEnabled: true });
    const alarmTopic = new Topic(this, 'Alarms');
${block}  }
}
`;
  const file = `${ROOT}.local/readme-snippets/construct-${process.pid}.ts`;
  await mkdir(`${ROOT}.local/readme-snippets`, { recursive: true });
  await writeFile(file, source);
  return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { DocStack: new (scope: Construct, id: string) => Stack }).DocStack;
}

describe("docs/deployment.md's construct block, run as written", () => {
  it("puts the function on the given pool's five triggers, with the block's settings, WAF limit and alarm topic", { timeout: 30_000 }, async () => {
    // Prepare
    const DocStack = await docStack(await constructBlock());

    // Act
    const template = Template.fromStack(new DocStack(testApp(), 'Doc'));

    // Assess
    const [[fn] = []] = Object.entries(template.findResources('AWS::Lambda::Function'));
    const [[poolId, pool] = []] = Object.entries(template.findResources('AWS::Cognito::UserPool'));
    const [[topicId] = []] = Object.entries(template.findResources('AWS::SNS::Topic'));
    expect(poolId).toMatch(/^Pool/);
    expect(pool?.Properties.LambdaConfig).toEqual(Object.fromEntries(TRIGGERS.map((trigger) => [trigger, { 'Fn::GetAtt': [fn, 'Arn'] }])));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { OTP_PROVIDER: 'easyauth', OTP_FALLBACK_PROVIDER: 'sns', SNS_SENDER_ID: 'HELLO', OTP_MAX_ATTEMPTS: '5' } },
    });
    const rules = Object.values(template.findResources('AWS::WAFv2::WebACL')).flatMap(
      (acl) => acl.Properties.Rules as { Statement: Record<string, unknown> }[],
    );
    expect(rules.map((rule) => rule.Statement.RateBasedStatement)).toContainEqual({ Limit: 1000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});
