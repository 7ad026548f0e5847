#!/usr/bin/env node
// The `statsbidrag` bin: lets Node load the TypeScript sources through tsx, then runs the CLI.
import { register } from "tsx/esm/api";

register();
const { run } = await import("./main.ts");
process.exitCode = await run(process.argv.slice(2), process);
