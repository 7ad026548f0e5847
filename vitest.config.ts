import { configDefaults, defineConfig } from "vitest/config";

/** `npm start` as a child process: every one builds the pages into web/dist, so one at a time. */
const NPM_START = "test/e2e/npm-start*.test.ts";

// Unit tests are pure and fast; integration and e2e tests share one DynamoDB Local started by the
// global setup (integration also its SES emulator), each file in a table of its own.
//
// Scheduling on the two-core machines the suite runs on: vitest's default is one worker there
// (cores − 1), which ran every file of every project one after another. Unit files and the browser
// test files (each with its own S3, SES, gateway and Chromium on free ports) run two at a time; the
// integration files (which stop and clear the shared SES emulator) and the `npm start` files then
// run one at a time, after them.
export default defineConfig({
  test: {
    // Refusals are logged at info on Lambda; in tests only warnings and errors are worth reading.
    // Metrics (EMF lines on stdout) likewise: test/unit/ops/metrics.test.ts turns them back on.
    env: { STATSBIDRAG_LOG_LEVEL: "warn", POWERTOOLS_METRICS_DISABLED: "true" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], maxWorkers: 2 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          exclude: [...configDefaults.exclude, NPM_START],
          globalSetup: ["test/integration/global-setup.ts", "test/helpers/web-pages-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e-npm-start",
          include: [NPM_START],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
