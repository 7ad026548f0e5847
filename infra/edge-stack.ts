import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { StageConfig } from "./config.ts";
import { WebAcl } from "./constructs/web-acl.ts";

/** CloudFront reads web ACLs (and certificates) from us-east-1 only, whatever region the stage is in. */
export const EDGE_REGION = "us-east-1";

export interface EdgeStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * What CloudFront needs in us-east-1: the web ACL. The stateless stack's distribution takes its
 * ARN through a cross-region reference (crossRegionReferences: CDK writes it to SSM in the
 * stage's region), so this stack deploys first.
 */
export class EdgeStack extends Stack {
  /** The ARN CloudFront's WebACLId takes for a WAFv2 web ACL. */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION }, crossRegionReferences: true });
    const { acl } = new WebAcl(this, "Waf", {
      stage: props.config.stage,
      rateLimitPerIp: props.config.webRateLimitPerIp,
    });
    this.webAclArn = acl.attrArn;
  }
}
