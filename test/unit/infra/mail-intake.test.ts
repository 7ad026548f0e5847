import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStageConfig } from "../../../infra/config.ts";
import { INTAKE_RULE_NAME, intakeRuleSetName } from "../../../infra/constructs/mail-intake.ts";
import { PROJECT_ROOT } from "../../../infra/constructs/statsbidrag-function.ts";
import { StatefulStack } from "../../../infra/stateful-stack.ts";

/**
 * The SES receiving side of the intake address, on the stateful stack alone (it owns the bucket
 * whose policy must let SES write; nothing here bundles a function, so it synthesises in a moment).
 */
const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")) as {
  context: { stage: string; stages: Record<string, Record<string, unknown>> };
};
const STAGE = cdkJson.context.stage;
const ADDRESS = "inkommande@statsbidrag.example";

function statefulTemplate(changes: Record<string, unknown>): Template {
  const entry = { ...cdkJson.context.stages[STAGE], ...changes };
  const config = parseStageConfig({ [STAGE]: entry }, STAGE);
  // cdk.json's feature flags too, as the CLI's app has them.
  const app = new App({ context: { ...cdkJson.context, stages: { [STAGE]: entry } } });
  const stack = new StatefulStack(app, "Stateful", { config, env: { region: config.region } });
  // cdk-nag as the app runs it: an unacknowledged finding fails synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  app.synth();
  return Template.fromStack(stack);
}

let withIntake: Template;
let without: Template;

beforeAll(() => {
  // Synthesised once each: the first synth loads CDK and cdk-nag, which takes seconds.
  withIntake = statefulTemplate({ intakeAddresses: [ADDRESS] });
  without = statefulTemplate({ intakeAddresses: undefined });
}, 120_000);

describe("SES receipt rule for the intake address (infra/constructs/mail-intake.ts)", () => {
  it("stores mail to the stage's intake addresses under intake/ of the originals bucket, scanned, over TLS only", () => {
    // Act
    const template = withIntake;
    // Assess
    template.hasResourceProperties("AWS::SES::ReceiptRuleSet", { RuleSetName: intakeRuleSetName(STAGE) });
    template.hasResourceProperties("AWS::SES::ReceiptRule", {
      RuleSetName: Match.anyValue(),
      Rule: {
        Name: INTAKE_RULE_NAME,
        Enabled: true,
        Recipients: [ADDRESS],
        ScanEnabled: true,
        TlsPolicy: "Require",
        Actions: [
          {
            S3Action: {
              BucketName: { Ref: Match.stringLikeRegexp("^Originals") },
              ObjectKeyPrefix: "intake/",
            },
          },
        ],
      },
    });
  });

  it("lets SES write under intake/ only, for this account and this one rule, and creates the rule after that policy", () => {
    // Act
    const policies = Object.entries(withIntake.findResources("AWS::S3::BucketPolicy")).map(([id, p]) => ({
      id,
      statements: (p.Properties as { PolicyDocument: { Statement: Record<string, unknown>[] } })
        .PolicyDocument.Statement,
    }));
    // Assess
    const bySes = (s: Record<string, unknown>) => JSON.stringify(s.Principal).includes("ses.amazonaws.com");
    const ses = policies.flatMap((p) => p.statements.filter(bySes));
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({ Effect: "Allow", Action: "s3:PutObject" });
    expect(JSON.stringify(ses[0]?.Resource)).toContain("/intake/*");
    const condition = JSON.stringify(ses[0]?.Condition);
    expect(condition).toContain("aws:SourceAccount");
    expect(condition).toContain(
      `receipt-rule-set/${intakeRuleSetName(STAGE)}:receipt-rule/${INTAKE_RULE_NAME}`,
    );
    const policyId = policies.find((p) => p.statements.some(bySes))?.id;
    const [rule] = Object.values(withIntake.findResources("AWS::SES::ReceiptRule"));
    expect(rule?.DependsOn).toContain(policyId);
  });

  it("creates no receiving side for a stage without intake addresses", () => {
    // Act
    const template = without;
    // Assess
    template.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    template.resourceCountIs("AWS::SES::ReceiptRule", 0);
    const policies = JSON.stringify(template.findResources("AWS::S3::BucketPolicy"));
    expect(policies).not.toContain("ses.amazonaws.com");
  });

  it("refuses an intake address that is not an e-mail address, naming the key", () => {
    expect(() => statefulTemplate({ intakeAddresses: ["inkommande"] })).toThrow(/intakeAddresses\.0/);
  });
});
