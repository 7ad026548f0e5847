import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequisition } from "../../shared/forms/samples.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../fixtures/signatures/corpus.ts";
import { signExisting } from "../fixtures/signatures/sign.ts";
import { call } from "../helpers/local-stack.ts";
import { review } from "./web-helpers.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * A digitally signed original on the pages, in Chromium against the whole local stack with the
 * test PKI's root as its trust list: the municipality uploads a PDF Anna Andersson signed through
 * the trusted chain, the real upload check verifies it and the local scanner clears it; then the
 * municipality's page and the officer's review page both say the signature is verified and by
 * whom, and only the officer's shows her personnummer. The handlers read the trust list once, so
 * it is given to the stack before it loads them (`trustAnchorsFile`).
 */
const TODAY = "2022-11-20";
const PROGRAMME = "skr-aldreomsorg-2022";
const LUND = "1281";
const MALMO = "1280";
const PERSONNUMMER = "197001011234";
const programme: Programme =
  seedProgramme(PROGRAMME) ??
  (() => {
    throw new Error(`${PROGRAMME} missing`);
  })();

let rig: WebRig;
let corpus: SignatureCorpus;
const trustDir = mkdtempSync(join(tmpdir(), "statsbidrag-web-signatures-trust-"));
const trustFile = join(trustDir, "trust-anchors.pem");
let requisition = "";

beforeAll(async () => {
  corpus = await makeSignatureCorpus();
  writeFileSync(trustFile, corpus.pki.trustAnchorsPem);
  delete process.env.STATSBIDRAG_TRUST_ANCHORS_PEM;
  rig = await startWebRig("web-signatures", { today: TODAY, trustAnchorsFile: trustFile });
  const token = await rig.stack.issuer.mint({ kommunkod: LUND });
  const created = await call<{ id: string }>(rig.stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token,
    body: sampleRequisition(programme, LUND, TODAY),
  });
  if (created.status !== 201)
    throw new Error(`requisition ${created.status}: ${JSON.stringify(created.body)}`);
  requisition = created.body.id;
});

afterAll(async () => {
  await rig?.stop();
  rmSync(trustDir, { recursive: true, force: true });
});

describe("web pages: a digitally signed original", () => {
  it("shows the municipality and the officer that Anna Andersson's signature was verified, the personnummer to the officer only", async () => {
    // Prepare
    const lund = await rig.signedIn(
      await rig.stack.issuer.mint({ kommunkod: LUND }),
      `submission.html?id=${requisition}`,
    );
    // Act: the signed PDF, uploaded through the page; the check and the scan settle it
    await lund.setInputFiles("#upload-file", {
      name: "rekvisition-signerad.pdf",
      mimeType: "application/pdf",
      buffer: corpus.signed,
    });
    await lund.waitForSelector("#signature-panel", { timeout: 30_000 });
    // Assess: the municipality's page
    const municipality = (await lund.textContent("#signature-panel")) ?? "";
    expect(municipality).toContain("Verifierad: signaturen är obruten och utfärdad av en betrodd utfärdare.");
    expect(municipality).toContain("Anna Andersson");
    expect(municipality).toContain("Test e-legitimation CA");
    expect(municipality).toContain("Spärrkontroll görs inte");
    expect(municipality).not.toContain(PERSONNUMMER);
    expect(await lund.textContent("body")).not.toContain(PERSONNUMMER);
    await review(lund, "signatures-01-municipality");

    // Act: the officer opens the submission to review it
    const officer = await rig.signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer-submission.html?id=${requisition}`,
    );
    await officer.waitForSelector("#signature-panel");
    // Assess: the officer's page, beside the original
    const officers = (await officer.textContent(".original-view #signature-panel")) ?? "";
    expect(officers).toContain("Verifierad");
    expect(officers).toContain("Anna Andersson");
    expect(officers).toContain("Test e-legitimation CA");
    expect(officers).toMatch(/Signerad \(enligt undertecknaren\)\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(officers).toContain(`Personnummer (serienummer)${PERSONNUMMER}`);
    expect(officers).toContain("Spärrkontroll görs inte");
    await review(officer, "signatures-02-officer");
  });

  it("shows both pages that Malmö's own form, signed by Anna Andersson, stood in for the scan", async () => {
    // Prepare: Malmö's requisition and the form the API prints for it, signed through the trusted chain
    const token = await rig.stack.issuer.mint({ kommunkod: MALMO });
    const created = await call<{ id: string }>(rig.stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token,
      body: sampleRequisition(programme, MALMO, TODAY),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const form = await fetch(`${rig.stack.apiUrl}/submissions/${id}/form.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const signed = await signExisting(
      new Uint8Array(await form.arrayBuffer()),
      corpus.pki.anna,
      corpus.signingTime,
    );
    const malmo = await rig.signedIn(token, `submission.html?id=${id}`);
    // Act: uploaded through the page, as the municipality would
    await malmo.setInputFiles("#upload-file", {
      name: "rekvisition-signerad.pdf",
      mimeType: "application/pdf",
      buffer: signed,
    });
    await malmo.waitForSelector("#digital-original", { timeout: 30_000 });
    // Assess: the municipality's page
    const stoodIn =
      /^Digitalt signerad av Anna Andersson, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, verifierad — ersätter inskannad underskrift\.$/;
    expect((await malmo.textContent("#digital-original"))?.trim()).toMatch(stoodIn);
    expect(await malmo.textContent("body")).not.toContain(PERSONNUMMER);
    await review(malmo, "signatures-03-stands-in");
    // Act: the officer's review page
    const officer = await rig.signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer-submission.html?id=${id}`,
    );
    await officer.waitForSelector(".original-view #digital-original");
    // Assess
    expect((await officer.textContent(".original-view #digital-original"))?.trim()).toMatch(stoodIn);
  });

  it("had no script errors and no Content-Security-Policy violations on any page", () => {
    expect(rig.problems).toEqual([]);
  });
});
