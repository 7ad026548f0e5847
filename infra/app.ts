import { pathToFileURL } from "node:url";
import { App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { type StageConfig, stageConfigFromContext } from "./config.ts";
import { EdgeStack } from "./edge-stack.ts";
import type { FunctionDef } from "./routes.ts";
import { StatefulStack } from "./stateful-stack.ts";
import { StatelessStack } from "./stateless-stack.ts";

export interface BuildAppOptions {
  /** Context as cdk.json would give it; the CLI passes it through the environment instead. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  readonly functions?: readonly FunctionDef[];
  readonly entryFor?: (name: string) => string | undefined;
}

export interface BuiltApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly edge: EdgeStack;
}

/**
 * The three stacks of one stage, with cdk-nag. The account is left open (synth needs no
 * credentials; the CLI's profile decides it), the region is the stage's: the edge stack's web ACL
 * must be in us-east-1, and CloudFront in the stateless stack refers to it across regions, which
 * CDK only does between stacks whose regions are known.
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = new App({
    ...(options.context ? { context: options.context } : {}),
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const config = stageConfigFromContext((key) => app.node.tryGetContext(key));
  const prefix = `Statsbidrag-${config.stage}`;

  const env = { region: config.region };
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    config,
    env,
    description: `statsbidrag ${config.stage}: table and signed originals (retained)`,
    terminationProtection: config.stage === "prod",
  });
  const edge = new EdgeStack(app, `${prefix}-Edge`, {
    config,
    description: `statsbidrag ${config.stage}: CloudFront web ACL (us-east-1)`,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    config,
    env,
    crossRegionReferences: true,
    description: `statsbidrag ${config.stage}: API, auth, functions, mail and alarms`,
    tableStreamArn: stateful.tableStreamArn,
    webAclArn: edge.webAclArn,
    ...(options.functions ? { functions: options.functions } : {}),
    ...(options.entryFor ? { entryFor: options.entryFor } : {}),
  });

  Tags.of(app).add("project", "statsbidrag");
  Tags.of(app).add("stage", config.stage);
  stateless.addStackDependency(stateful, "table and bucket must exist before functions use them");
  // cdk-nag v3 is a CDK policy-validation plugin: every unacknowledged finding fails synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, config, stateful, stateless, edge };
}

// `npx tsx infra/app.ts` (cdk.json "app"): the CLI synthesises the app when the process exits.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp();
}
