import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPdfSignatures } from "../../../shared/signatures/verify-pdf.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../../fixtures/signatures/corpus.ts";

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
});
