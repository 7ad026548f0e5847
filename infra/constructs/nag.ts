import { Stack, Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * cdk-nag v3 acknowledgements go through CDK's Validations API and match a finding id exactly
 * (no appliesTo/regex as in v2). These helpers build the exact ids, so each acknowledgement
 * names the one rule and the one resource pattern it excuses.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The id cdk-nag gives an IAM5 finding for a resource ARN, e.g.
 * "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::bucket-<AWS::AccountId>/originals/*]".
 * Resolves the ARN the way cdk-nag's flattenCfnReference renders it. Only for ARNs that resolve
 * inside `scope`'s own stack (no cross-stack import).
 */
export function iam5ResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(arn))}]`;
}

function flatten(node: unknown): string {
  if (typeof node === "string") return node.replace(/\$\{/g, "<").replace(/\}/g, ">");
  if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    const join = record["Fn::Join"];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    const getAtt = record["Fn::GetAtt"];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ("Ref" in record) return `<${flatten(record.Ref)}>`;
  }
  return JSON.stringify(node);
}
