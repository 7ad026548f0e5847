/**
 * Scans that file themselves, end to end on the local stack: a municipality uploads a scan of the
 * printed form through the presigned POST, s3rver's event reaches the upload check, which reads
 * the QR codes of the page images, and the local malware scanner's verdict settles it. A scan of
 * this very submission is matched; a scan of another submission is refused with a message naming
 * it; a scan of page 1 of 2 is not taken as the signed original.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { SubmissionDetailView } from "../../shared/submissions/detail-view.ts";
import { call, startTestStack, type UploadSlot, uploadWith } from "../helpers/local-stack.ts";
import { codedPage, jpegPdf, printedForm, renderPages, rotate } from "../helpers/scan-corpus.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();
const X_KOMMUN = "1280";
const Y_KOMMUN = "1283";

let stack: LocalStack;
const tokenFor = (kommunkod: string) =>
  stack.issuer.mint({ kommunkod, email: `skanning-${kommunkod}@kommun-scans.example` });

interface Receipt {
  id: string;
  reference: string;
  upload: UploadSlot;
}

beforeAll(async () => {
  // Its own table: these municipalities' ledgers must not meet another test file's.
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-scan-codes" });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function requisition(kommunkod: string): Promise<Receipt> {
  const created = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token: await tokenFor(kommunkod),
    body: sampleRequisition(programme, kommunkod, TODAY),
  });
  if (created.status !== 201) throw new Error(`requisition answered ${created.status}`);
  return created.body;
}

async function detail(kommunkod: string, id: string): Promise<SubmissionDetailView> {
  const res = await call<SubmissionDetailView>(stack, "GET", `/submissions/${id}`, {
    token: await tokenFor(kommunkod),
  });
  if (res.status !== 200) throw new Error(`GET /submissions/${id} answered ${res.status}`);
  return res.body;
}

/** Uploads `pdf` to the slot and waits until the check (and the malware verdict) settled it. */
async function uploadAndSettle(kommunkod: string, id: string, slot: UploadSlot, pdf: Uint8Array) {
  expect(await uploadWith(slot, pdf, "skanning.pdf", "application/pdf")).toBe(204);
  let settled: SubmissionDetailView | undefined;
  await waitFor(async () => {
    settled = await detail(kommunkod, id);
    return settled.submission.status !== "awaiting-original";
  }, 60_000);
  if (!settled) throw new Error("never settled");
  return settled;
}

async function newSlot(kommunkod: string, id: string): Promise<UploadSlot> {
  const res = await call<{ upload: UploadSlot }>(stack, "POST", `/submissions/${id}/original`, {
    token: await tokenFor(kommunkod),
    body: {},
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.upload;
}

/** The form of that submission printed, scanned at 150 dpi a little askew, as an image-only PDF. */
async function scanOf(receipt: Receipt, kommunkod: string): Promise<Uint8Array> {
  const form = await printedForm("requisition", receipt.id, receipt.reference, kommunkod);
  return jpegPdf(
    renderPages(form.pdf, 150).map((page) => rotate(page, 2)),
    75,
  );
}

describe("scans whose QR codes say whose they are, on the local stack", () => {
  it("refuses Y's scan uploaded to X, naming Y; X's page 1 of 2 is not the signed original; X's own scan matches", async () => {
    // Prepare
    const x = await requisition(X_KOMMUN);
    const y = await requisition(Y_KOMMUN);
    // Act: Y's form uploaded as X's original
    const wrong = await uploadAndSettle(X_KOMMUN, x.id, x.upload, await scanOf(y, Y_KOMMUN));
    // Assess
    expect(wrong.submission.status).toBe("original-rejected");
    const refused = wrong.attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("SCAN_FOR_OTHER_SUBMISSION");
    expect(refused?.refusal?.message.sv).toContain(`det här är blanketten för ${y.reference}`);
    expect(refused?.refusal?.message.en).toContain(`this is the form for ${y.reference}`);

    // Act: page 1 of a two-page print of X, without the signature page
    const page1 = await codedPage({ submissionId: x.id, reference: x.reference, page: 1, pages: 2 });
    const partial = await uploadAndSettle(
      X_KOMMUN,
      x.id,
      await newSlot(X_KOMMUN, x.id),
      await jpegPdf(renderPages(page1, 150), 75),
    );
    // Assess
    expect(partial.submission.status).toBe("original-rejected");
    const lacking = partial.attachments.filter((a) => a.status === "refused").map((a) => a.refusal?.code);
    expect(lacking).toContain("SIGNATURE_PAGE_MISSING");

    // Act: X's own scan
    const own = await uploadAndSettle(
      X_KOMMUN,
      x.id,
      await newSlot(X_KOMMUN, x.id),
      await scanOf(x, X_KOMMUN),
    );
    // Assess
    expect(own.submission.status).toBe("received");
    expect(own.submission.original?.formCode).toMatchObject({ result: "matched" });
    expect(own.scanMatch).toMatchObject({ result: "matched", needsLook: false });
  }, 240_000);
});
