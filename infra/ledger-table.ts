import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { LEDGER_TABLE } from '../src/adapters/ledger/table';
import { NagSuppressions } from './nag-suppressions';

/**
 * The verification ledger's table, from the one definition the tests and the playground also use:
 * `pk` string, no sort key, on demand, TTL on `expiresAt`, encrypted at rest.
 */
export class LedgerTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: LEDGER_TABLE.partitionKey, type: AttributeType.STRING },
      billingMode: LEDGER_TABLE.billingMode === 'PAY_PER_REQUEST' ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
      timeToLiveAttribute: LEDGER_TABLE.timeToLiveAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      // Every item is a short-lived counter (a code's life, a wait, a day) that expires by TTL: nothing in it is
      // worth keeping past the stack, and a retained table would collide with a redeployment's new one.
      removalPolicy: RemovalPolicy.DESTROY,
      // Point-in-time recovery would restore stale counters; nothing here needs restoring.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
    });
    NagSuppressions.addResourceSuppressions(this.table, [
      {
        id: 'AwsSolutions-DDB3',
        reason:
          'Short-lived counters that expire by TTL within a day: a restore would bring back spent codes and old waits, so nothing here is worth recovering.',
      },
    ]);
  }

  /** Exactly the item operations the function makes, on this table alone. */
  grantLedgerAccess(grantee: IGrantable): void {
    this.table.grant(grantee, ...LEDGER_TABLE.itemActions);
  }
}
