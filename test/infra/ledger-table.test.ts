import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { LedgerTable } from '../../infra/ledger-table';
import { LEDGER_TABLE_RESOURCE } from '../support/cdk';

describe('LedgerTable', () => {
  it('is on demand, keyed by pk, with TTL on expiresAt, encrypted, and grants only UpdateItem and GetItem', () => {
    // Prepare
    const stack = new Stack(new App(), 'Test');
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });

    // Act
    new LedgerTable(stack, 'Ledger').grantLedgerAccess(role);
    const template = Template.fromStack(stack);

    // Assess
    template.hasResource('AWS::DynamoDB::Table', LEDGER_TABLE_RESOURCE);
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: { Action: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(statements.map((s) => s.Action)).toEqual([['dynamodb:UpdateItem', 'dynamodb:GetItem']]);
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [Match.objectLike({ Resource: Match.anyValue() })] } });
  });
});
