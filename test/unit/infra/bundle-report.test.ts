import { beforeAll, describe, expect, it } from "vitest";
import { type BundleReport, bundleFunctions, bundleIncludes } from "../../../infra/bundle-report.ts";
import { INFRA_FUNCTIONS } from "../../../infra/constructs/infra-functions.ts";
import { FUNCTIONS } from "../../../infra/routes.ts";

describe("bundle report (esbuild, same settings as NodejsFunction)", () => {
  let reports: BundleReport[];

  beforeAll(async () => {
    reports = await bundleFunctions();
  }, 300_000); // every function bundled by esbuild: minutes on a busy two-core machine

  it("bundles every function, with a non-empty index.mjs and source map", () => {
    // Prepare
    const expected = [...FUNCTIONS, ...INFRA_FUNCTIONS].map((f) => f.name).sort();
    // Act
    const bundled = reports.map((r) => r.name).sort();
    // Assess
    expect(bundled).toEqual(expected);
    for (const r of reports) {
      expect(r.bytes, r.name).toBeGreaterThan(0);
      expect(r.sourceMapBytes, r.name).toBeGreaterThan(0);
    }
  });

  it("bundles the AWS SDK instead of leaving it external", () => {
    // Prepare
    const outbox = reports.find((r) => r.name === "outbox-dispatch");
    // Act
    const hasDynamo = outbox ? bundleIncludes(outbox, "@aws-sdk/client-dynamodb") : false;
    // Assess
    expect(hasDynamo).toBe(true);
  });

  it("keeps the S3 client out of a function that does not use S3 (health)", () => {
    // Prepare
    const health = reports.find((r) => r.name === "health");
    // Act
    const hasS3 = health ? bundleIncludes(health, "@aws-sdk/client-s3") : true;
    // Assess
    expect(health).toBeDefined();
    expect(hasS3).toBe(false);
  });

  it("ships pkijs and asn1js only with the functions that verify digital signatures (the check and its sweep)", () => {
    // Act
    const withPki = reports
      .filter((r) => bundleIncludes(r, "pkijs") || bundleIncludes(r, "asn1js"))
      .map((r) => r.name)
      .sort();
    // Assess
    expect(withPki).toEqual(["upload-check", "upload-sweep"]);
  });

  it("ships the QR decoder (zxing) and the image decoders only with the functions that read scans (the check, its sweep, the mail intake)", () => {
    // Act: loaded with import() on the first scan read; the malware verdict's function reads none
    const reading = reports.filter((r) => bundleIncludes(r, "@zxing/library")).map((r) => r.name);
    const images = reports.filter((r) => bundleIncludes(r, "jpeg-js")).map((r) => r.name);
    // Assess
    expect(reading.sort()).toEqual(["mail-intake", "upload-check", "upload-sweep"]);
    expect(images.sort()).toEqual(["mail-intake", "upload-check", "upload-sweep"]);
  });

  it("ships the font engine (fontkit) only with the function that prints the form (get-form)", () => {
    // Act: pdf-lib itself also reads uploaded scans; the form's printing is what needs fontkit
    const printing = reports.filter((r) => bundleIncludes(r, "@pdf-lib/fontkit")).map((r) => r.name);
    // Assess
    expect(printing).toEqual(["get-form"]);
  });

  it("gives the submission functions zod/mini and Sweden's phone metadata only, not classic zod or every country's", () => {
    // Prepare: the functions that parse a Bilaga 2 form
    const submitting = reports.filter((r) => r.name.startsWith("create-"));
    const bytesOf = (r: BundleReport, fragment: string) =>
      Object.values(r.metafile.outputs)
        .flatMap((output) => Object.entries(output.inputs))
        .filter(([input]) => input.includes(fragment))
        .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
    // Act
    const heavy = submitting.flatMap((r) =>
      ["node_modules/zod/v4/classic/", "node_modules/zod/v4/locales/", "libphonenumber-js/metadata."]
        .filter((fragment) => bytesOf(r, fragment) > 0)
        .map((fragment) => `${r.name}: ${fragment}`),
    );
    // A namespace object (zod's `z`, `core`) would keep all of zod: ~24 kB is what the forms use.
    const zodBytes = submitting.map((r) => bytesOf(r, "node_modules/zod/"));
    // Assess
    expect(submitting.length).toBeGreaterThanOrEqual(2);
    expect(heavy).toEqual([]);
    for (const bytes of zodBytes) expect(bytes).toBeLessThan(50_000);
  });

  it("gives programme-admin zod/mini, not classic zod", () => {
    // Prepare
    const admin = reports.find((r) => r.name === "programme-admin");
    // Act
    const classic = Object.values(admin?.metafile.outputs ?? {})
      .flatMap((output) => Object.entries(output.inputs))
      .filter(
        ([input, { bytesInOutput }]) => input.includes("node_modules/zod/v4/classic/") && bytesInOutput > 0,
      );
    // Assess
    expect(admin).toBeDefined();
    expect(classic).toEqual([]);
  });

  it("ships no heavy charset or HTML package and no second S3 client (s3-presigned-post's)", () => {
    // Act: mail is parsed by postal-mime on TextDecoder; the upload slot is signed by our own signer
    const heavy = reports.flatMap((r) =>
      ["iconv-lite", "encoding-japanese", "html-to-text", "he", "@aws-sdk/s3-presigned-post"]
        .filter((name) => bundleIncludes(r, name))
        .map((name) => `${r.name}: ${name}`),
    );
    // Assess
    expect(heavy).toEqual([]);
  });
});
