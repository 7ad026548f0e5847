import { CfnWebACL } from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";

export interface WebAclProps {
  readonly stage: string;
  /** Requests per client IP in 5 minutes before that IP is blocked (WAF's evaluation window). */
  readonly rateLimitPerIp: number;
}

/** Names of the web ACL's rules, in the order WAF evaluates them; the CDK tests and README use them. */
export const WEB_ACL_RULES = {
  rateLimit: "RateLimitPerIp",
  common: "AWSManagedRulesCommonRuleSet",
} as const;

/**
 * The AWS managed common rules block request bodies over 8 KB (SizeRestrictions_BODY). The API
 * accepts up to 64 KB (functions/commons/body.ts answers 413 above that), and a long report's
 * free text may pass 8 KB, so that one rule only counts.
 */
const COUNTED_COMMON_RULES = ["SizeRestrictions_BODY"];

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * The CloudFront web ACL: a per-IP rate limit first (a flood from one address is blocked before
 * anything else runs), then AWS's managed common rule set. Scope CLOUDFRONT, so the stack that
 * holds it must deploy to us-east-1. Added to `scope` (the stack), like the other constructs.
 */
export class WebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    this.acl = new CfnWebACL(scope, "WebAcl", {
      name: `statsbidrag-${props.stage}`,
      // CloudFormation allows no parentheses here.
      description: `statsbidrag ${props.stage}: CloudFront, pages and API`,
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`statsbidrag-${props.stage}`),
      rules: [
        {
          name: WEB_ACL_RULES.rateLimit,
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimitPerIp, aggregateKeyType: "IP" } },
          visibilityConfig: visibility(WEB_ACL_RULES.rateLimit),
        },
        {
          name: WEB_ACL_RULES.common,
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: "AWSManagedRulesCommonRuleSet",
              ruleActionOverrides: COUNTED_COMMON_RULES.map((name) => ({ name, actionToUse: { count: {} } })),
            },
          },
          visibilityConfig: visibility(WEB_ACL_RULES.common),
        },
      ],
    });
  }
}
