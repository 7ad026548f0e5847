import { describe, expect, it } from "vitest";
import { formatDailyReport } from "../../../cli/commands/daily.ts";
import { run } from "../../../cli/main.ts";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

describe("statsbidrag daily and contacts (arguments only; the table is exercised by the integration tests)", () => {
  it("refuses a malformed --at with a usage error", async () => {
    // Act
    const result = await cli("daily", "--at", "2022-13-01");
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--at must be a date YYYY-MM-DD");
    expect(result.stderr).toContain("Usage: statsbidrag daily");
  });

  it("refuses --at outside a local stage", async () => {
    // Prepare
    const previous = process.env.STATSBIDRAG_STAGE;
    process.env.STATSBIDRAG_STAGE = "prod";
    try {
      // Act
      const result = await cli("daily", "--at", "2022-11-01");
      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('only allowed on a local stage, not on "prod"');
    } finally {
      if (previous === undefined) delete process.env.STATSBIDRAG_STAGE;
      else process.env.STATSBIDRAG_STAGE = previous;
    }
  });

  it("needs a file for contacts import and knows its subcommands", async () => {
    // Act
    const missing = await cli("contacts", "import");
    const unreadable = await cli("contacts", "import", "/nonexistent/kontakter.csv");
    const unknown = await cli("contacts", "export");
    // Assess
    expect(missing.code).toBe(2);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain("cannot read /nonexistent/kontakter.csv");
    expect(unknown.stderr).toContain('unknown subcommand "export"');
  });

  it("summarises a run in one line per programme", () => {
    // Act
    const text = formatDailyReport({
      day: "2022-12-02",
      drift: [],
      programmes: [
        {
          programmeId: "skr-aldreomsorg-2022",
          reminders: 0,
          lapsed: 287,
          reportOverdue: 0,
          reclaims: 0,
          repaymentOverdue: 0,
          digest: true,
          unreachable: [],
        },
      ],
      notOpened: ["sos-valfardsteknik-2018"],
    });
    // Assess
    expect(text).toBe(
      "2022-12-02 skr-aldreomsorg-2022: 0 reminder(s) queued, 287 lapse(s) marked, 0 report(s) overdue, 0 listed for reclaim, 0 repayment(s) overdue, officer digest queued\nnot opened (left alone): sos-valfardsteknik-2018\n",
    );
  });
});
