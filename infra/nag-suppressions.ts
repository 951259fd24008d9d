import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface NagSuppression {
  readonly id: string;
  readonly reason: string;
}

/**
 * cdk-nag's suppressions, written as the metadata cdk-nag reads (`cdk_nag.rules_to_suppress` on the
 * resource), so that the package needs no dependency on cdk-nag: a user who runs it sees our reasons,
 * a user who does not pays nothing. Same call as cdk-nag's `NagSuppressions.addResourceSuppressions`.
 */
export const NagSuppressions = {
  addResourceSuppressions(construct: IConstruct, suppressions: NagSuppression[]): void {
    const resource = construct.node.defaultChild ?? construct;
    // Not instanceof: an Amplify backend may load its own copy of aws-cdk-lib.
    if (!CfnResource.isCfnResource(resource)) return;
    for (const { id, reason } of suppressions) {
      // cdk-nag base64-encodes reasons beyond Latin-1; ours are plain ASCII, and this keeps them so.
      if (!/^[\x20-\x7e]+$/.test(reason)) throw new Error(`NagSuppressions: the reason for ${id} must be printable ASCII`);
    }
    const existing = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: NagSuppression[] } | undefined)?.rules_to_suppress ?? [];
    const known = new Set(existing.map((rule) => rule.id));
    resource.addMetadata('cdk_nag', { rules_to_suppress: [...existing, ...suppressions.filter((rule) => !known.has(rule.id))] });
  },
};
