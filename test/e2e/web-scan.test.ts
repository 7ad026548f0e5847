import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { createUploadSweeper } from "../../infra/local/upload-sweeper.ts";
import { sampleRequisition } from "../../shared/forms/samples.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { call, smallPdf } from "../helpers/local-stack.ts";
import { ready, review } from "./web-helpers.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * The municipality's submission page while a file waits for the malware scan's verdict, in
 * Chromium against the whole local stack with S3's notifications dropped (the stack's crash knob),
 * so that this test decides when the upload check runs and when the scan's verdict comes, instead
 * of both happening within a second of the upload: the page says the file is being checked for
 * malware, keeps asking (also when opened again meanwhile), offers no upload meanwhile, and shows
 * the file received as soon as the verdict is in. The check and the scan are the real ones, run by
 * the stack's own sweeper (infra/local/upload-sweeper.ts): first without a scanner, then with it.
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
let stack: LocalStack;
let lund: Page;
let requisition = "";

/** The text of the upload widget's result, once it contains `text`. */
async function resultSays(page: Page, text: string): Promise<string> {
  await page.waitForFunction(
    (t) => document.getElementById("upload-result")?.textContent?.includes(t) ?? false,
    text,
    { timeout: 20_000 },
  );
  return (await page.textContent("#upload-result")) ?? "";
}

beforeAll(async () => {
  // Every upload waits for this test to run its check; no periodic sweep does it meanwhile.
  rig = await startWebRig("web-scan", { today: TODAY, s3Events: "drop", uploadSweepIntervalMs: 3_600_000 });
  stack = rig.stack;
  const token = await stack.issuer.mint({ kommunkod: LUND });
  const created = await call<{ id: string }>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token,
    body: sampleRequisition(programme, LUND, TODAY),
  });
  if (created.status !== 201)
    throw new Error(`requisition ${created.status}: ${JSON.stringify(created.body)}`);
  requisition = created.body.id;
  lund = await rig.signedIn(token, `submission.html?id=${requisition}`);
});

afterAll(async () => {
  await rig?.stop();
});

describe("web pages: an upload waiting for the malware scan", () => {
  it("says the file is being checked for malware, keeps asking, and shows it received once the verdict is in", async () => {
    // Act: the signed scan, uploaded; its S3 notification is lost, so nothing checks it yet
    await lund.setInputFiles("#upload-file", {
      name: "bilaga2-signerad.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(smallPdf("Signed by Lund")),
    });
    await resultSays(lund, "Filen är uppladdad. Vi kontrollerar den…");
    // Act: the upload check alone (the sweep without a scanner): the file passes and waits for the verdict
    const checked = await createUploadSweeper(undefined).run(0);
    expect(checked.checks.scanning).toBe(1);
    // Assess: the page, still asking, says so; there is nothing to drop meanwhile
    expect(await resultSays(lund, "Kontrolleras (virusskanning)…")).toContain("virusskannas nu");
    await expect(lund.locator("#drop-zone").isHidden()).resolves.toBe(true);
    await expect(lund.textContent("#status-area")).resolves.toContain("Kontrolleras (virusskanning)…");
    await review(lund, "scan-01-scanning");

    // Act: the page opened again while the scan is under way
    await lund.reload();
    await ready(lund);
    // Assess: it waits for the verdict by itself
    await resultSays(lund, "Kontrolleras (virusskanning)…");
    await expect(lund.locator("#drop-zone").isHidden()).resolves.toBe(true);
    const rows = lund.locator("#attachments-table tbody tr");
    await expect(rows.allTextContents()).resolves.toEqual([
      expect.stringMatching(
        /^Underskrivet originalKontrolleras \(virusskanning\)…\d+ B2022-11-20 \d\d:\d\d:\d\d$/,
      ),
    ]);
    await expect(lund.textContent("#status-area .badge")).resolves.toBe("Väntar på underskrivet original");
    await review(lund, "scan-02-scanning-after-reload");

    // Act: the scan's verdict comes in (the stack's sweep hands what waits to the local scanner)
    const scanned = await stack.sweepUploads();
    expect(scanned.scans?.NO_THREATS_FOUND).toBeGreaterThanOrEqual(1);
    // Assess: received, without a reload; nothing more to upload
    expect(await resultSays(lund, "Det underskrivna originalet är mottaget.")).toContain(
      "Ett kvitto har skickats med e-post.",
    );
    await expect(lund.textContent("#status-area .badge")).resolves.toBe("Mottagen");
    await expect(lund.locator("#drop-zone").isHidden()).resolves.toBe(true);
    await expect(rows.allTextContents()).resolves.toEqual([
      expect.stringContaining("Mottagen och kontrollerad"),
    ]);
    await review(lund, "scan-03-received");
  });

  it("had no script errors and no Content-Security-Policy violations on any page", () => {
    expect(rig.problems).toEqual([]);
  });
});
