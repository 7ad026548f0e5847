/**
 * Signed originals by e-mail, end to end on the local stack: a raw message put under intake/ (by
 * the CLI, where the SES receipt rule writes on AWS) reaches mail-intake through s3rver's event;
 * a scan of the printed form from the register's address is filed and the normal upload check and
 * malware verdict make the submission received; the same from an unknown address waits in
 * GET /intake until an officer files it by hand, and so does one from the register's address
 * whose domain SES says failed DMARC.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../cli/main.ts";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import type { IntakeItem } from "../../shared/intake/model.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { eml } from "../helpers/eml.ts";
import { call, startTestStack } from "../helpers/local-stack.ts";
import { jpegPdf, printedForm, renderPages } from "../helpers/scan-corpus.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();

let stack: LocalStack;
let officer: string;
const dir = mkdtempSync(join(tmpdir(), "mail-intake-"));
const tokenFor = (kommunkod: string) =>
  stack.issuer.mint({ kommunkod, email: `signatory-${kommunkod}@kommun.example` });

beforeAll(async () => {
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-mail-intake" });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** A requisition awaiting its original, and the municipality's registry in the contact register. */
async function awaiting(kommunkod: string) {
  const created = await call<{ id: string; reference: string }>(
    stack,
    "POST",
    `/programmes/${PROGRAMME}/requisitions`,
    {
      token: await tokenFor(kommunkod),
      body: sampleRequisition(programme, kommunkod, TODAY),
    },
  );
  if (created.status !== 201) throw new Error(`requisition answered ${created.status}`);
  const registry = `registrator-${kommunkod}@kommun.example`;
  const contact = await call(stack, "PUT", `/contacts/${kommunkod}`, {
    token: officer,
    body: { registryEmail: registry },
  });
  if (contact.status !== 200) throw new Error(`contact register answered ${contact.status}`);
  return { ...created.body, kommunkod, registry };
}

/**
 * The printed form scanned at 150 dpi, mailed from `from`, handed to the intake by the CLI, which
 * on this local stage writes SES's verdict on top: pass unless `--ses fail` is among `args`.
 */
async function mailScan(
  s: { id: string; reference: string; kommunkod: string },
  from: string,
  ...args: string[]
) {
  const form = await printedForm("requisition", s.id, s.reference, s.kommunkod);
  const scan = await jpegPdf(renderPages(form.pdf, 150), 75);
  const file = join(dir, `${s.id}.eml`);
  writeFileSync(
    file,
    eml({
      from,
      messageId: `${s.id}@kommun.example`,
      attachments: [{ filename: "skanning.pdf", contentType: "application/pdf", bytes: scan }],
    }),
  );
  const out: string[] = [];
  const write = (text: string) => out.push(text) > 0;
  const code = await run(["intake", file, ...args], { stdout: { write }, stderr: { write } });
  expect(code, out.join("")).toBe(0);
}

const statusOf = async (kommunkod: string, id: string) =>
  (
    await call<{ submission: { status: string } }>(stack, "GET", `/submissions/${id}`, {
      token: await tokenFor(kommunkod),
    })
  ).body.submission.status;

describe("signed originals by e-mail, on the local stack", () => {
  it("files a scan mailed from the register's address: the submission becomes received", async () => {
    // Prepare
    const s = await awaiting("1281");
    // Act
    await mailScan(s, s.registry);
    // Assess
    expect(await waitFor(async () => (await statusOf(s.kommunkod, s.id)) === "received", 90_000, 500)).toBe(
      true,
    );
    const detail = await call<{ submission: { original?: { formCode?: { result: string } } } }>(
      stack,
      "GET",
      `/submissions/${s.id}`,
      { token: await tokenFor(s.kommunkod) },
    );
    expect(detail.body.submission.original?.formCode?.result).toBe("matched");
  }, 120_000);

  it("lists a scan mailed from an unknown address in GET /intake, and an officer files it", async () => {
    // Prepare
    const s = await awaiting("1283");
    await mailScan(s, "someone@elsewhere.example");
    const item = await waitFor(
      async () => {
        const list = await call<{ items: IntakeItem[] }>(stack, "GET", "/intake", { token: officer });
        return list.body.items.find((i) => i.submissionId === s.id);
      },
      60_000,
      500,
    );
    expect(item.reason).toBe("UNKNOWN_SENDER");
    expect(await statusOf(s.kommunkod, s.id)).toBe("awaiting-original");
    // Act
    const filed = await call<IntakeItem>(stack, "POST", `/intake/${item.id}/file`, {
      token: officer,
      body: { submissionId: s.id },
    });
    // Assess
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(await waitFor(async () => (await statusOf(s.kommunkod, s.id)) === "received", 90_000, 500)).toBe(
      true,
    );
  }, 180_000);

  it("lists a scan from the register's own address when SES's verdict says the From failed, and files nothing", async () => {
    // Prepare
    const s = await awaiting("1284");
    // Act
    await mailScan(s, s.registry, "--ses", "fail");
    // Assess
    const item = await waitFor(
      async () => {
        const list = await call<{ items: IntakeItem[] }>(stack, "GET", "/intake", { token: officer });
        return list.body.items.find((i) => i.submissionId === s.id);
      },
      60_000,
      500,
    );
    expect(item.reason).toBe("SENDER_NOT_AUTHENTICATED");
    expect(item.senderAuth).toMatchObject({ result: "fail", dmarc: "fail" });
    expect(await statusOf(s.kommunkod, s.id)).toBe("awaiting-original");
  }, 120_000);
});
