import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface PoolRateLimitProps {
  readonly userPool: IUserPool;
  /** Requests per client IP per 5 minutes. */
  readonly limit: number;
  /** AWS's managed IP-reputation list (bots, known attackers). @default true */
  readonly ipReputation?: boolean;
  /** AWS's managed anonymous-IP list (VPNs, Tor, hosting providers): where SMS pumping bots hide. @default true */
  readonly anonymousIp?: boolean;
}

/** An AWS managed rule group, its own rule actions kept (block). */
function managedGroup(name: string, priority: number, metricName: ReturnType<typeof visibility>): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: metricName,
  };
}

const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });

// WAF's own bounds for a rate-based rule.
const MIN_LIMIT = 10;
const MAX_LIMIT = 2_000_000_000;

/**
 * A regional web ACL on the user pool's endpoints that blocks an IP above `limit` requests per
 * 5 minutes: a cap on how many SMS one client can make the pool send, and on code guessing. AWS's IP-reputation
 * and anonymous-IP groups block the addresses pumping bots rotate through (each can be turned off).
 */
export class PoolRateLimit extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: PoolRateLimitProps) {
    super(scope, id);
    if (!Number.isInteger(props.limit) || props.limit < MIN_LIMIT || props.limit > MAX_LIMIT) {
      throw new Error(
        `SmsOtpSignIn: wafRateLimit is ${props.limit}: it accepts a whole number of requests per IP per 5 minutes from ${MIN_LIMIT} to ${MAX_LIMIT}, or false for no web ACL`,
      );
    }
    const metricName = visibility;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metricName('SmsOtpSignIn'),
      rules: [
        {
          name: 'RequestsPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.limit, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
          visibilityConfig: metricName('SmsOtpSignInRequestsPerIp'),
        },
        ...(props.ipReputation === false ? [] : [managedGroup('AWSManagedRulesAmazonIpReputationList', 1, metricName('SmsOtpSignInIpReputation'))]),
        ...(props.anonymousIp === false ? [] : [managedGroup('AWSManagedRulesAnonymousIpList', 2, metricName('SmsOtpSignInAnonymousIp'))]),
      ],
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.userPool.userPoolArn, webAclArn: this.webAcl.attrArn });
  }
}
