import { pathToFileURL } from "node:url";
import { App, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { type StageConfig, stageConfigFromContext } from "./config.ts";
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
}

/**
 * Both stacks for one stage, with cdk-nag. Environment-agnostic (no account/region) so synth
 * needs no credentials; the CLI's profile decides where they deploy.
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = new App({
    ...(options.context ? { context: options.context } : {}),
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const config = stageConfigFromContext((key) => app.node.tryGetContext(key));
  const prefix = `Statsbidrag-${config.stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    config,
    description: `statsbidrag ${config.stage}: table and signed originals (retained)`,
    terminationProtection: config.stage === "prod",
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    config,
    description: `statsbidrag ${config.stage}: API, auth, functions, mail and alarms`,
    tableStreamArn: stateful.tableStreamArn,
    ...(options.functions ? { functions: options.functions } : {}),
    ...(options.entryFor ? { entryFor: options.entryFor } : {}),
  });

  Tags.of(app).add("project", "statsbidrag");
  Tags.of(app).add("stage", config.stage);
  stateless.addStackDependency(stateful, "table and bucket must exist before functions use them");
  // cdk-nag v3 is a CDK policy-validation plugin: every unacknowledged finding fails synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, config, stateful, stateless };
}

// `npx tsx infra/app.ts` (cdk.json "app"): the CLI synthesises the app when the process exits.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp();
}
