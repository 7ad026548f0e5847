import { defineConfig } from "vitest/config";

// Three projects: unit tests are pure and fast; integration and e2e tests share one set of
// emulators (DynamoDB Local, s3rver, SES emulator) started by the global setup.
export default defineConfig({
  test: {
    // Refusals are logged at info on Lambda; in tests only warnings and errors are worth reading.
    // Metrics (EMF lines on stdout) likewise: test/unit/ops/metrics.test.ts turns them back on.
    env: { STATSBIDRAG_LOG_LEVEL: "warn", POWERTOOLS_METRICS_DISABLED: "true" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"] },
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
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
