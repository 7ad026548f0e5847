import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../infra/local/emulators.ts";
import { bilaga2Pdf } from "../../shared/forms/pdf/bilaga2.ts";
import { packageFonts } from "../../shared/forms/pdf/package-fonts.ts";
import { sampleRequisition } from "../../shared/forms/samples.ts";
import type { IntakeItem } from "../../shared/intake/model.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { eml } from "../helpers/eml.ts";
import { call, uploadWith } from "../helpers/local-stack.ts";
import { waitFor } from "../helpers/wait.ts";
import { expectNoHorizontalScroll, NARROW, review } from "./web-helpers.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * The officer reads the signed original: a scan (a PNG of the printed form, as a phone or a
 * scanner makes it) shown large enough to read, zoomed in steps inside a frame that scrolls. And
 * a scan mailed from an address nobody registered waits on the officer's intake page until the
 * officer opens it, files it to its submission (whose page then shows it) or discards it.
 */
const TODAY = "2022-11-20";
const PROGRAMME = "skr-aldreomsorg-2022";
const LUND = "1281";
const programme: Programme =
  seedProgramme(PROGRAMME) ??
  (() => {
    throw new Error(`${PROGRAMME} missing`);
  })();

let rig: WebRig;
let id = "";

/** The printed form of the submission, "scanned" at 100 dpi by poppler. */
async function scanOf(submissionId: string, reference: string, form: ReturnType<typeof sampleRequisition>) {
  const pdf = await bilaga2Pdf({ kind: "requisition", submissionId, reference, form }, await packageFonts());
  const dir = mkdtempSync(join(tmpdir(), "statsbidrag-scan-"));
  try {
    writeFileSync(join(dir, "form.pdf"), pdf);
    execFileSync("pdftoppm", ["-png", "-r", "100", "-singlefile", join(dir, "form.pdf"), join(dir, "scan")]);
    return readFileSync(join(dir, "scan.png"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  rig = await startWebRig("web-original-viewer", { today: TODAY });
  const token = await rig.stack.issuer.mint({ kommunkod: LUND });
  const form = sampleRequisition(programme, LUND, TODAY);
  const created = await call<{ id: string; reference: string; upload: UploadSlot }>(
    rig.stack,
    "POST",
    `/programmes/${PROGRAMME}/requisitions`,
    { token, body: form },
  );
  if (created.status !== 201) throw new Error(`requisition ${created.status}`);
  id = created.body.id;
  await uploadWith(
    created.body.upload,
    await scanOf(id, created.body.reference, form),
    "skanning.png",
    "image/png",
  );
  let last: unknown;
  await waitFor(async () => {
    const res = await call<{ submission: { status: string } }>(rig.stack, "GET", `/submissions/${id}`, {
      token,
    });
    last = res.body;
    return res.body.submission.status === "received";
  }, 60_000).catch((error: unknown) => {
    throw new Error(`the scan was not received: ${JSON.stringify(last)}`, { cause: error });
  });
}, 120_000);

afterAll(async () => {
  await rig?.stop();
});

describe("web pages: the officer's view of the signed original", () => {
  it("zooms a scan in steps inside a frame that scrolls, and widens it across the page", async () => {
    // Prepare
    const officer = await rig.signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer-submission.html?id=${id}`,
    );
    await officer.waitForSelector("#original-image");
    const width = (selector: string) =>
      officer.locator(selector).evaluate((el) => el.getBoundingClientRect().width);
    const narrow = await width(".original-view");
    // Act
    await officer.click("#original-zoom-in");
    await officer.click("#original-zoom-in");
    // Assess: twice the frame's width, to scroll through
    await expect(officer.textContent("#original-zoom")).resolves.toBe("Zoom 200 %");
    const [image, frame] = [await width("#original-image"), await width(".original-frame")];
    expect(image).toBeGreaterThan(1.9 * frame);
    // Act
    await officer.click("#original-wide");
    await officer.click("#original-fit");
    // Assess: across the page, and the scan fits its width again
    await expect(officer.getAttribute("#original-wide", "aria-pressed")).resolves.toBe("true");
    expect(await width(".original-view")).toBeGreaterThan(1.5 * narrow);
    await expect(officer.textContent("#original-zoom")).resolves.toBe("Zoom 100 %");
    await review(officer, "original-viewer-wide");
    expect(rig.problems).toEqual([]);
  });

  it("takes several photos chosen at once as one original: the page makes them one PDF, the check matches it", async () => {
    // Prepare: another municipality's requisition, and its printed page photographed twice
    const kommunkod = "0114";
    const token = await rig.stack.issuer.mint({ kommunkod });
    const form = sampleRequisition(programme, kommunkod, TODAY);
    const created = await call<{ id: string; reference: string }>(
      rig.stack,
      "POST",
      `/programmes/${PROGRAMME}/requisitions`,
      { token, body: form },
    );
    const photo = await scanOf(created.body.id, created.body.reference, form);
    const page = await rig.signedIn(token, `submission.html?id=${created.body.id}`);
    // Act
    await page.setInputFiles("#upload-file", [
      { name: "sida-1.png", mimeType: "image/png", buffer: photo },
      { name: "sida-1-igen.png", mimeType: "image/png", buffer: photo },
    ]);
    // Assess: received, and what was stored is one PDF whose codes name this submission
    await page.waitForFunction(
      () =>
        document
          .getElementById("upload-result")
          ?.textContent?.includes("Det underskrivna originalet är mottaget"),
      undefined,
      { timeout: 60_000 },
    );
    const detail = await call<{ submission: { status: string }; scanMatch: { result: string } | null }>(
      rig.stack,
      "GET",
      `/submissions/${created.body.id}`,
      { token },
    );
    expect(detail.body.submission.status).toBe("received");
    expect(detail.body.scanMatch?.result).toBe("matched");
    expect(rig.problems).toEqual([]);
  });
});

/** A raw message put under intake/ of the local bucket, where SES's receipt rule writes on AWS. */
async function mailToIntake(key: string, raw: Uint8Array): Promise<void> {
  const s3 = new S3Client({
    endpoint: rig.stack.s3Endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key, Body: raw }));
  } finally {
    s3.destroy();
  }
}

describe("web pages: the officer's intake page for mailed scans", () => {
  it("shows an unknown sender's scan, files it to its submission after naming it, and discards a forged message with a reason, at a phone's width", async () => {
    // Prepare: Helsingborg's requisition waits for its original; its scan comes from an address
    // nobody registered (SES vouches for it), and a second message whose From SES did not vouch for
    const kommunkod = "1283";
    const token = await rig.stack.issuer.mint({ kommunkod });
    const form = sampleRequisition(programme, kommunkod, TODAY);
    const created = await call<{ id: string; reference: string }>(
      rig.stack,
      "POST",
      `/programmes/${PROGRAMME}/requisitions`,
      { token, body: form },
    );
    const { id: submissionId, reference } = created.body;
    const scan = await scanOf(submissionId, reference, form);
    await mailToIntake(
      "intake/okand-avsandare.eml",
      eml({
        from: "ekonomi@helsingborg-konsult.example",
        messageId: "scan-1283@helsingborg-konsult.example",
        subject: "Underskriven rekvisition Helsingborg",
        ses: "pass",
        attachments: [{ filename: "skanning.png", contentType: "image/png", bytes: scan }],
      }),
    );
    await mailToIntake(
      "intake/forfalskad.eml",
      eml({
        from: "registrator@lund.example",
        messageId: "forged@lund.example",
        subject: "Faktura",
        ses: "fail",
        attachments: [{ filename: "faktura.png", contentType: "image/png", bytes: scan }],
      }),
    );
    const officerToken = await rig.stack.issuer.mint({
      officer: true,
      email: "handlaggare@kammarkollegiet.example",
    });
    const items = await waitFor(async () => {
      const list = await call<{ items: IntakeItem[] }>(rig.stack, "GET", "/intake", { token: officerToken });
      return list.body.items.length >= 2 ? list.body.items : undefined;
    }, 60_000);
    const unknown = items.find((i) => i.subject.startsWith("Underskriven")) as IntakeItem;
    const forged = items.find((i) => i.subject === "Faktura") as IntakeItem;
    const page = await rig.signedIn(officerToken, "intake.html", NARROW);
    const card = (item: IntakeItem) => `#intake-${item.id}`;
    // Assess: who sent each, whether SES vouched for it, and why it waits
    await expect(page.textContent(`${card(unknown)} .intake-from`)).resolves.toBe(unknown.from);
    await expect(page.textContent(`${card(unknown)} .intake-reason`)).resolves.toContain(
      "avsändaren finns inte i kontaktregistret",
    );
    await expect(page.textContent(`${card(forged)} .intake-reason`)).resolves.toContain(
      "avsändaradressen kunde inte bekräftas",
    );
    await expect(page.textContent(`${card(forged)} .intake-auth`)).resolves.toContain("Inte bekräftad");
    // Act: open the scan
    await page.click(`#intake-${unknown.id}-scan-0-show`);
    await page.waitForSelector(`#intake-${unknown.id}-scan-0-image`);
    // Assess
    await expectNoHorizontalScroll(page, NARROW.width, "intake page with a scan open");
    await review(page, "intake-narrow");
    // Act: a reference no submission has is refused on its field
    const refField = `#intake-${unknown.id}-file-reference`;
    await expect(page.inputValue(refField)).resolves.toBe(reference);
    await page.fill(refField, reference.replace(/R1$/, "R7"));
    await page.click(`#intake-${unknown.id}-file-find`);
    // Assess
    await page.waitForSelector(`${refField}-error:not([hidden])`);
    await expect(page.textContent(`${refField}-error`)).resolves.toContain("Ingen inlämning");
    await expect(page.getAttribute(refField, "aria-invalid")).resolves.toBe("true");
    // Act: file it by the reference its QR code gave, confirming the submission by name
    await page.fill(refField, reference);
    await page.click(`#intake-${unknown.id}-file-find`);
    await page.waitForSelector(`#intake-${unknown.id}-file-confirm:not([hidden])`);
    const question = await page.textContent(`#intake-${unknown.id}-file-question`);
    await page.click(`#intake-${unknown.id}-file-yes`);
    // Assess
    expect(question).toContain(reference);
    expect(question).toContain("Helsingborg");
    await page.waitForSelector(`#intake-${unknown.id}-done`);
    await expect(page.textContent(`#intake-${unknown.id}-done`)).resolves.toContain(
      `Kopplat till ${reference}`,
    );
    // Act: discard the forged one, first without a reason
    await page.click(`#intake-${forged.id}-discard-submit`);
    const refused = await page.textContent(`#intake-${forged.id}-discard-reason-error`);
    await page.fill(`#intake-${forged.id}-discard-reason`, "Förfalskad avsändare");
    await page.click(`#intake-${forged.id}-discard-submit`);
    // Assess
    expect(refused).toContain("Ange ett skäl");
    await page.waitForSelector(`#intake-${forged.id}-done`);
    const left = await call<{ items: IntakeItem[] }>(rig.stack, "GET", "/intake", { token: officerToken });
    expect(left.body.items.map((i) => i.id)).not.toContain(forged.id);
    expect(left.body.items.map((i) => i.id)).not.toContain(unknown.id);
    // Assess: the check accepts the filed scan, and the submission's page shows it as the original
    await waitFor(async () => {
      const res = await call<{ submission: { status: string } }>(
        rig.stack,
        "GET",
        `/submissions/${submissionId}`,
        { token },
      );
      return res.body.submission.status === "received";
    }, 60_000);
    await page.click(`#intake-${unknown.id}-done a`);
    await page.waitForSelector("#original-image");
    expect(rig.problems).toEqual([]);
  });
});
