import { describe, expect, it } from "vitest";
import { buildDigest } from "../../../shared/deadlines/digest.ts";
import { officerDigestMail } from "../../../shared/mail/templates/digest.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import type { AllocationState, Submission } from "../../../shared/submissions/model.ts";

const programme = seedProgramme("skr-aldreomsorg-2022") as Programme;

const lapsedRow = (kommunkod: string, at: string, amount: number): AllocationState => ({
  programmeId: programme.id,
  kommunkod,
  allocated: amount,
  requisitioned: 0,
  remaining: amount,
  modelExtra: 0,
  modelExtraRequisitioned: 0,
  lapsed: true,
  lapsedAmount: amount,
  lapsedAt: at,
});

const submission = (status: Submission["status"], createdAt: string, updatedAt: string): Submission => ({
  id: `s-${createdAt}`,
  reference: "SB-2022-1281-R1",
  programmeId: programme.id,
  kommunkod: "1281",
  kommun: "Lund",
  kind: "requisition",
  grantKind: "base",
  amount: 1_530_608,
  status,
  form: {},
  revision: 1,
  createdAt,
  receivedAtLocal: "",
  receivedOn: createdAt.slice(0, 10),
  late: false,
  createdBy: { sub: "k", kind: "municipality" },
  updatedAt,
});

describe("buildDigest", () => {
  it("reports what happened after the last digest, up to and including this run", () => {
    // Prepare
    const since = "2022-12-01T05:15:00.000Z";
    const now = "2022-12-02T05:15:00.000Z";
    const rows = [lapsedRow("0114", now, 542_261), lapsedRow("0115", since, 399_412)];
    const subs = [
      submission("received", "2022-12-01T09:00:00.000Z", "2022-12-01T10:00:00.000Z"),
      submission("awaiting-original", "2022-11-20T09:00:00.000Z", "2022-11-20T09:00:00.000Z"),
    ];
    // Act
    const digest = buildDigest(programme, rows, subs, since, now);
    const again = buildDigest(programme, rows, subs, now, "2022-12-02T09:00:00.000Z");
    // Assess
    expect(digest.hasNews).toBe(true);
    expect(digest.facts.lapses.map((e) => e.kommunkod)).toEqual(["0114"]);
    expect(digest.facts.newToReview).toHaveLength(1);
    expect(digest.facts.waitingOriginal).toHaveLength(1);
    expect(digest.facts.newWaitingCount).toBe(0);
    expect(again.hasNews).toBe(false);
  });

  it("renders sections with totals and escapes names in HTML", () => {
    // Prepare
    const facts = buildDigest(programme, [lapsedRow("0114", "t", 542_261)], [], undefined, "t").facts;
    // Act
    const mail = officerDigestMail({ ...facts, day: "2022-12-02", programmeTitle: "A <b>& B" });
    // Assess
    expect(mail.text).toContain("Rätten till bidraget har förfallit (1 kommuner)");
    expect(mail.text).toContain("Upplands Väsby (0114) · 542 261 kr");
    expect(mail.text).toContain("Summa förfallet: 542 261 kr");
    expect(mail.html).toContain("A &lt;b&gt;&amp; B");
    expect(mail.html).not.toContain("<b>&");
  });
});
