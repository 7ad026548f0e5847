/**
 * Digitally signed originals end to end on the local stack: a municipality uploads a PDF through
 * the presigned POST, s3rver's event reaches the upload check (which verifies the signatures
 * against the trust list), the local malware scanner's verdict settles it, and GET
 * /submissions/{id} shows what was found: everything to the officer, everything but the signers'
 * serialNumbers (personnummer) to the municipality.
 *
 * The trust list: the handlers read their configuration once, when the stack first loads them
 * (appConfig() in shared/composition-root.ts, cached per process). So STATSBIDRAG_TRUST_ANCHORS
 * must name the test root's PEM file before any handler loads: startLocalStack's
 * `trustAnchorsFile` sets it with the rest of the configuration, before its first import. Nothing
 * in this file reads the configuration before that, and vitest runs every test file in its own
 * worker, so no other file's handlers see this trust list.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { SignatureSummary } from "../../shared/signatures/model.ts";
import type { Attachment, Submission } from "../../shared/submissions/model.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../fixtures/signatures/corpus.ts";
import { signExisting } from "../fixtures/signatures/sign.ts";
import { call, startTestStack, type UploadSlot, uploadWith } from "../helpers/local-stack.ts";
import { mailsTo } from "../helpers/mail.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();
/** Anna Andersson's personnummer in the test PKI (test/fixtures/signatures/pki.ts). */
const PERSONNUMMER = "197001011234";

let stack: LocalStack;
let corpus: SignatureCorpus;
let trustDir: string;
let officer: string;

/** Each municipality signs in with an address of this file's own, so its mails are told apart. */
const emailOf = (kommunkod: string) => `signatur-${kommunkod}@kommun-signatures.example`;
const tokenFor = (kommunkod: string) => stack.issuer.mint({ kommunkod, email: emailOf(kommunkod) });

interface Receipt {
  id: string;
  reference: string;
  upload: UploadSlot;
}

interface Detail {
  submission: Submission;
  attachments: Attachment[];
}

beforeAll(async () => {
  corpus = await makeSignatureCorpus();
  trustDir = mkdtempSync(join(tmpdir(), "statsbidrag-trust-"));
  const trustFile = join(trustDir, "trust-anchors.pem");
  writeFileSync(trustFile, corpus.pki.trustAnchorsPem);
  // The PEM text would win over the file (shared/config.ts): make sure none is inherited.
  delete process.env.STATSBIDRAG_TRUST_ANCHORS_PEM;
  // Its own table: these municipalities' ledgers must not meet another test file's.
  stack = await startTestStack(TODAY, {
    tableName: "statsbidrag-test-signatures",
    trustAnchorsFile: trustFile,
  });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
}, 120_000);

afterAll(async () => {
  process.env.STATSBIDRAG_TODAY = TODAY;
  await stack?.stop();
  delete process.env.STATSBIDRAG_TRUST_ANCHORS;
  if (trustDir) rmSync(trustDir, { recursive: true, force: true });
});

/** Requisitions as `kommunkod`, uploads `pdf` as the original and waits until it is accepted. */
async function uploadOriginal(kommunkod: string, pdf: Uint8Array): Promise<Receipt> {
  const created = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token: await tokenFor(kommunkod),
    body: sampleRequisition(programme, kommunkod, TODAY),
  });
  if (created.status !== 201) throw new Error(`requisition answered ${created.status}`);
  const uploaded = await uploadWith(created.body.upload, pdf, "rekvisition-signerad.pdf", "application/pdf");
  if (uploaded !== 204) throw new Error(`upload answered ${uploaded}`);
  // Settled: the check has verified the signatures and the local scanner's verdict has come in.
  await waitFor(
    async () => (await detailAs(await tokenFor(kommunkod), created.body.id)).submission.status === "received",
    20_000,
  );
  return created.body;
}

async function detailAs(token: string, id: string): Promise<Detail> {
  const res = await call<Detail>(stack, "GET", `/submissions/${id}`, { token });
  if (res.status !== 200) throw new Error(`GET /submissions/${id} answered ${res.status}`);
  return res.body;
}

/** The signature summary of the accepted original, as the viewer sees it. */
function originalSignature(detail: Detail): SignatureSummary | undefined {
  return detail.attachments.find((a) => a.type === "original" && a.status === "accepted")?.signature;
}

describe("digitally signed originals on the local stack", () => {
  it("shows a signature through the trusted chain as verified, with signer, issuer and time; the serialNumber to officers only", async () => {
    // Prepare
    const kommunkod = "1281";
    // Act
    const { id } = await uploadOriginal(kommunkod, corpus.signed);
    const asOfficer = await detailAs(officer, id);
    const asMunicipality = await detailAs(await tokenFor(kommunkod), id);
    // Assess
    const expected = {
      status: "verified",
      signerName: "Anna Andersson",
      issuer: "Test e-legitimation CA",
      signedAt: corpus.signingTime.toISOString(),
      coversWholeDocument: true,
      revocationChecked: false,
    };
    const officers = originalSignature(asOfficer);
    expect(officers?.status).toBe("verified");
    expect(officers?.signatures).toHaveLength(1);
    expect(officers?.signatures[0]).toMatchObject({ ...expected, serialNumber: PERSONNUMMER });
    const municipality = originalSignature(asMunicipality);
    expect(municipality?.status).toBe("verified");
    expect(municipality?.signatures[0]).toMatchObject(expected);
    expect(municipality?.signatures[0]).not.toHaveProperty("serialNumber");
    // The submission record (what lists return) never carries it, not even for officers.
    expect(asOfficer.submission.original?.signature?.status).toBe("verified");
    expect(JSON.stringify(asOfficer.submission)).not.toContain(PERSONNUMMER);
    expect(JSON.stringify(asMunicipality)).not.toContain(PERSONNUMMER);
  });

  it("shows a PDF changed after signing as invalid (digest mismatch), and it is still received on its scan", async () => {
    // Prepare
    const kommunkod = "1280";
    // Act
    const { id } = await uploadOriginal(kommunkod, corpus.tampered);
    const asOfficer = await detailAs(officer, id);
    const asMunicipality = await detailAs(await tokenFor(kommunkod), id);
    // Assess
    expect(asOfficer.submission.status).toBe("received");
    expect(originalSignature(asOfficer)).toMatchObject({
      status: "invalid",
      signatures: [{ status: "invalid", reason: "DIGEST_MISMATCH", revocationChecked: false }],
    });
    expect(originalSignature(asMunicipality)).toMatchObject({
      status: "invalid",
      signatures: [{ status: "invalid", reason: "DIGEST_MISMATCH" }],
    });
    expect(originalSignature(asMunicipality)?.signatures[0]).not.toHaveProperty("serialNumber");
  });

  it("shows an intact signature from a CA outside the trust list as untrusted, naming signer and issuer", async () => {
    // Prepare
    const kommunkod = "0180";
    // Act
    const { id } = await uploadOriginal(kommunkod, corpus.unknownCa);
    const asOfficer = await detailAs(officer, id);
    const asMunicipality = await detailAs(await tokenFor(kommunkod), id);
    // Assess
    const expected = {
      status: "untrusted",
      reason: "CHAIN_UNTRUSTED",
      signerName: "Sven Okänd",
      issuer: "Unknown Root CA",
      signedAt: corpus.signingTime.toISOString(),
    };
    expect(originalSignature(asOfficer)).toMatchObject({ status: "untrusted", signatures: [expected] });
    expect(originalSignature(asMunicipality)).toMatchObject({ status: "untrusted", signatures: [expected] });
  });

  it.each([
    [
      "expired",
      "untrusted",
      "0114",
      [{ status: "untrusted", reason: "CERT_EXPIRED_AT_SIGNING", signerName: "Eva Utgången" }],
    ],
    [
      "appended",
      "partial",
      "0115",
      [{ status: "partial", reason: "NOT_WHOLE_DOCUMENT", signerName: "Anna Andersson" }],
    ],
    [
      "twoSignatures",
      "verified",
      "0117",
      [
        { status: "verified", signerName: "Anna Andersson", coversWholeDocument: false },
        { status: "verified", signerName: "Bertil Berg", coversWholeDocument: true },
      ],
    ],
    ["junkCms", "invalid", "0120", [{ status: "invalid", reason: "UNPARSABLE_CMS" }]],
    ["fakeMarkers", "invalid", "0123", [{ status: "invalid", reason: "BYTE_RANGE_INVALID" }]],
    ["unsigned", "none", "0125", []],
  ] as const)(
    "ends a PDF of the %s fixture as %s, signature by signature (uploaded by %s)",
    async (fixture, status, kommunkod, signatures) => {
      // Act
      const { id } = await uploadOriginal(kommunkod, corpus[fixture]);
      const asOfficer = await detailAs(officer, id);
      // Assess
      const found = originalSignature(asOfficer);
      expect(found?.status).toBe(status);
      expect(found?.signatures).toHaveLength(signatures.length);
      expect(found?.signatures).toMatchObject(signatures);
    },
  );

  it("says in the receipt that a digital signature was verified, by whom and when, never the personnummer", async () => {
    // Prepare
    const kommunkod = "1283";
    // Act
    const { reference } = await uploadOriginal(kommunkod, corpus.signed);
    const receipt = await waitFor(
      async () =>
        (await mailsTo(emailOf(kommunkod))).find(
          (m) => m.subject.startsWith(`Kvitto`) && m.subject.includes(reference),
        ),
      20_000,
    );
    // Assess
    const text = receipt.body.text ?? "";
    expect(text).toContain("Anna Andersson");
    expect(text).toMatch(/[Dd]igital signatur/);
    expect(text).not.toContain(PERSONNUMMER);
    expect(receipt.body.html ?? "").not.toContain(PERSONNUMMER);
  });
});

describe("a digitally signed form instead of a scan, on the local stack", () => {
  /** A requisition as `kommunkod`, and the form the API prints for it. */
  async function requisitionWithForm(kommunkod: string) {
    const token = await tokenFor(kommunkod);
    const created = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token,
      body: sampleRequisition(programme, kommunkod, TODAY),
    });
    if (created.status !== 201) throw new Error(`requisition answered ${created.status}`);
    const res = await fetch(`${stack.apiUrl}/submissions/${created.body.id}/form.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`form.pdf answered ${res.status}`);
    return { ...created.body, token, form: new Uint8Array(await res.arrayBuffer()) };
  }

  async function uploadAndSettle(r: { id: string; token: string; upload: UploadSlot }, pdf: Uint8Array) {
    const uploaded = await uploadWith(r.upload, pdf, "rekvisition-signerad.pdf", "application/pdf");
    if (uploaded !== 204) throw new Error(`upload answered ${uploaded}`);
    let detail: Detail | undefined;
    await waitFor(async () => {
      detail = await detailAs(r.token, r.id);
      return detail.submission.status !== "awaiting-original";
    }, 20_000);
    if (!detail) throw new Error("never settled");
    return detail;
  }

  it("receives a requisition on its own form signed through the trusted chain, and the officer sees who signed", async () => {
    // Prepare
    const r = await requisitionWithForm("1282");
    const pdf = await signExisting(r.form, corpus.pki.anna, corpus.signingTime);
    // Act
    const asMunicipality = await uploadAndSettle(r, pdf);
    const asOfficer = await detailAs(officer, r.id);
    // Assess
    expect(asMunicipality.submission.status).toBe("received");
    const digital = {
      signers: [{ signerName: "Anna Andersson", signedAt: corpus.signingTime.toISOString() }],
    };
    expect(asMunicipality.submission.original?.digitalOriginal).toMatchObject(digital);
    expect(asOfficer.submission.original?.digitalOriginal).toMatchObject(digital);
    expect(originalSignature(asOfficer)?.signatures[0]?.serialNumber).toBe(PERSONNUMMER);
    expect(JSON.stringify(asMunicipality)).not.toContain(PERSONNUMMER);
  });

  it("refuses another municipality's signed form, naming its reference", async () => {
    // Prepare
    const other = await requisitionWithForm("1284");
    const r = await requisitionWithForm("1285");
    const pdf = await signExisting(other.form, corpus.pki.anna, corpus.signingTime);
    // Act
    const detail = await uploadAndSettle(r, pdf);
    // Assess
    expect(detail.submission.status).toBe("original-rejected");
    const refused = detail.attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("SCAN_FOR_OTHER_SUBMISSION");
    expect(refused?.refusal?.message.sv).toContain(other.reference);
  });

  it("does not let its own form signed by an unknown CA stand in, and says why", async () => {
    // Prepare
    const r = await requisitionWithForm("1286");
    const pdf = await signExisting(r.form, corpus.pki.stranger, corpus.signingTime);
    // Act
    const detail = await uploadAndSettle(r, pdf);
    // Assess
    expect(detail.submission.status).toBe("original-rejected");
    const refused = detail.attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("DIGITAL_SIGNATURE_NOT_ACCEPTED");
    expect(refused?.signature?.status).toBe("untrusted");
  });
});
