import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface PoolRateLimitProps {
  readonly userPool: IUserPool;
  /** Requests per client IP per 5 minutes. */
  readonly limit: number;
}

// WAF's own bounds for a rate-based rule.
const MIN_LIMIT = 10;
const MAX_LIMIT = 2_000_000_000;

/**
 * A regional web ACL on the user pool's endpoints that blocks an IP above `limit` requests per
 * 5 minutes: a cap on how many SMS one client can make the pool send, and on code guessing.
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
    const metricName = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
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
      ],
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.userPool.userPoolArn, webAclArn: this.webAcl.attrArn });
  }
}
