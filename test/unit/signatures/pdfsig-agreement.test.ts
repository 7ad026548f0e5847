import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bilaga2Pdf } from "../../../shared/forms/pdf/bilaga2.ts";
import { packageFonts } from "../../../shared/forms/pdf/package-fonts.ts";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { verifyPdfSignatures } from "../../../shared/signatures/verify-pdf.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../../fixtures/signatures/corpus.ts";
import { countersign, signExisting } from "../../fixtures/signatures/sign.ts";

// poppler's pdfsig (Debian poppler-utils) is an independent verifier. It is asked about
// integrity only (-nocert): without an NSS database of our test root it trusts no issuer.
const PDFSIG = "/usr/bin/pdfsig";
const hasPdfsig = existsSync(PDFSIG);

interface PdfsigSignature {
  valid: boolean;
  wholeDocument: boolean;
  signerName: string;
}

function pdfsig(path: string): PdfsigSignature[] {
  // pdfsig exits non-zero for a file without signatures; its report is on stdout either way.
  const out = spawnSync(PDFSIG, ["-nocert", path], { encoding: "utf8" }).stdout;
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      valid: block.includes("Signature Validation: Signature is Valid."),
      wholeDocument: block.includes("- Total document signed"),
      signerName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? "",
    }));
}

let corpus: SignatureCorpus;
let dir: string;
beforeAll(async () => {
  if (!hasPdfsig) return;
  corpus = await makeSignatureCorpus();
  dir = mkdtempSync(join(tmpdir(), "pdfsig-"));
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SIGNED_FIXTURES = [
  "signed",
  "tampered",
  "appended",
  "unknownCa",
  "expired",
  "twoSignatures",
  "noSigningTime",
];

describe("agreement with poppler's pdfsig", () => {
  it.skipIf(!hasPdfsig).each(SIGNED_FIXTURES)(
    "agrees on which signatures of %s are intact, whole-document and by whom",
    async (name) => {
      // Prepare
      const pdf = corpus[name as keyof SignatureCorpus] as Buffer;
      const path = join(dir, `${name}.pdf`);
      writeFileSync(path, pdf);
      // Act
      const theirs = pdfsig(path);
      const ours = await verifyPdfSignatures(pdf, corpus.pki.trustAnchorsPem);
      // Assess
      expect(
        ours.signatures.map((s) => ({
          valid: s.status !== "invalid",
          wholeDocument: s.coversWholeDocument,
          signerName: s.signerName,
        })),
      ).toEqual(theirs);
    },
  );

  it.skipIf(!hasPdfsig).each(["junkCms", "fakeMarkers", "unsigned"])(
    "agrees that %s has no valid signature",
    async (name) => {
      // Prepare
      const pdf = corpus[name as keyof SignatureCorpus] as Buffer;
      const path = join(dir, `${name}.pdf`);
      writeFileSync(path, pdf);
      // Act
      const theirs = pdfsig(path);
      const ours = await verifyPdfSignatures(pdf, corpus.pki.trustAnchorsPem);
      // Assess
      expect(theirs.some((s) => s.valid)).toBe(false);
      expect(ours.signatures.every((s) => s.status === "invalid")).toBe(true);
    },
  );

  it.skipIf(!hasPdfsig)(
    "agrees on our own printed form signed once and countersigned (the form that stands in for a scan)",
    async () => {
      // Prepare: the form as the API prints it (object streams), signed, then countersigned incrementally
      const programme = seedProgramme("skr-aldreomsorg-2022");
      if (!programme) throw new Error("programme missing");
      const form = await bilaga2Pdf(
        {
          kind: "requisition",
          submissionId: "0f8fad5b-d9cb-469f-a165-70867728950e",
          reference: "SB-2022-1281-R1",
          form: sampleRequisition(programme, "1281", "2022-11-20"),
        },
        await packageFonts(),
      );
      const once = await signExisting(form, corpus.pki.anna, corpus.signingTime);
      const twice = await countersign(once, corpus.pki.bertil, new Date(corpus.signingTime.getTime() + 1000));
      for (const [name, pdf] of [
        ["form-once", once],
        ["form-twice", twice],
      ] as const) {
        const path = join(dir, `${name}.pdf`);
        writeFileSync(path, pdf);
        // Act
        const theirs = pdfsig(path);
        const ours = await verifyPdfSignatures(pdf, corpus.pki.trustAnchorsPem);
        // Assess
        expect(ours.status, name).toBe("verified");
        expect(
          ours.signatures.map((s) => ({
            valid: s.status !== "invalid",
            wholeDocument: s.coversWholeDocument,
            signerName: s.signerName,
          })),
          name,
        ).toEqual(theirs);
      }
    },
    60_000,
  );
});
