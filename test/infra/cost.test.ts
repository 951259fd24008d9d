import { readFile } from 'node:fs/promises';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SmsOtpSignIn, type SmsOtpSignInProps } from '../../infra/sms-otp-sign-in';
import { testApp } from '../support/cdk';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** README's Install snippet, and its lean variant as docs/cost.md defines it. */
function resources(props: Partial<SmsOtpSignInProps>): Resources {
  const stack = new Stack(testApp(), 'MyApp');
  new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth' }, ...props });
  return Template.fromStack(stack).toJSON().Resources as Resources;
}

const ofType = (all: Resources, type: string) => Object.values(all).filter((resource) => resource.Type === type);

/** What docs/cost.md's fixed-cost rows count, by the start of the row's first cell. */
const QUANTITIES: Record<string, (all: Resources) => number> = {
  'WAF web ACLs': (all) => ofType(all, 'AWS::WAFv2::WebACL').length,
  'WAF rules': (all) => ofType(all, 'AWS::WAFv2::WebACL').reduce((sum, acl) => sum + (acl.Properties.Rules as unknown[]).length, 0),
  // An alarm on metric math is billed per metric it reads.
  'CloudWatch alarm metrics': (all) =>
    ofType(all, 'AWS::CloudWatch::Alarm').reduce((sum, alarm) => {
      const metrics = alarm.Properties.Metrics as { MetricStat?: unknown }[] | undefined;
      return sum + (metrics === undefined ? 1 : metrics.filter((query) => query.MetricStat !== undefined).length);
    }, 0),
  'CloudWatch dashboards': (all) => ofType(all, 'AWS::CloudWatch::Dashboard').length,
  'Secrets Manager secrets': (all) => ofType(all, 'AWS::SecretsManager::Secret').length,
};

interface Row {
  readonly item: string;
  readonly quantities: [number, number];
  readonly unitPrice: number;
  readonly monthly: [number, number];
}

/** The rows of docs/cost.md's fixed-cost table (`| item | default | lean | $price per … | default $ | lean $ |`), and its total. */
async function fixedCostTable(): Promise<{ rows: Row[]; total: [number, number] }> {
  const doc = await readFile(new URL('../../docs/cost.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Fixed monthly cost'), doc.indexOf('## Cost per sign-in'));
  const cells = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Item'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('**', '')),
    );
  const rows = cells
    .filter(([item]) => item !== 'Total')
    .map(([item = '', def, lean, price = '', monthlyDefault, monthlyLean]) => ({
      item,
      quantities: [Number(def), Number(lean)] as [number, number],
      unitPrice: Number(/^\$(\d+\.\d+) per /.exec(price)?.[1]),
      monthly: [Number(monthlyDefault), Number(monthlyLean)] as [number, number],
    }));
  const [, , , , totalDefault, totalLean] = cells.find(([item]) => item === 'Total') ?? [];
  return { rows, total: [Number(totalDefault), Number(totalLean)] };
}

const cents = (value: number) => Math.round(value * 100);

describe("docs/cost.md's fixed monthly cost", () => {
  it('counts what the default and the lean stack synthesize, and adds up', async () => {
    // Prepare
    const stacks = [resources({}), resources({ wafRateLimit: false, cloudWatchDashboard: false })] as const;

    // Act
    const { rows, total } = await fixedCostTable();

    // Assess: a row for each priced item, its quantities as synthesized, its price × quantity, the totals their sum.
    expect(rows.map(({ item }) => Object.keys(QUANTITIES).find((name) => item.startsWith(name)))).toEqual(Object.keys(QUANTITIES));
    for (const { item, quantities, unitPrice, monthly } of rows) {
      const count = Object.entries(QUANTITIES).find(([name]) => item.startsWith(name))?.[1];
      expect(quantities, item).toEqual(stacks.map((stack) => count?.(stack)));
      expect(monthly.map(cents), item).toEqual(quantities.map((quantity) => cents(quantity * unitPrice)));
    }
    expect(total.map(cents)).toEqual([0, 1].map((i) => rows.reduce((sum, row) => sum + cents(row.monthly[i] ?? 0), 0)));
  });
});
