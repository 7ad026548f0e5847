import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { MetadataJson } from "libphonenumber-js/core";
import full from "libphonenumber-js/min/metadata";

/**
 * The phone rule's metadata: Sweden's slice of the metadata libphonenumber-js ships by default
 * ("min"), so a Swedish number is judged exactly as before while the bundles carry ~2 kB of
 * metadata instead of ~80 kB for every country (the library's "custom metadata"). A test compares
 * the committed file with this slice, so a library update that changes Sweden's rules is noticed.
 *
 *   npx tsx infra/phone-metadata.ts    rewrites shared/forms/rules/phone-metadata-se.json
 */
export const PHONE_METADATA_FILE = fileURLToPath(
  new URL("../shared/forms/rules/phone-metadata-se.json", import.meta.url),
);

export function swedishPhoneMetadata(): MetadataJson {
  const source = full as unknown as {
    version: number;
    countries: Record<string, unknown>;
  };
  return {
    version: source.version,
    country_calling_codes: { "46": ["SE"] },
    countries: { SE: source.countries.SE },
    nonGeographic: {},
  } as unknown as MetadataJson;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(PHONE_METADATA_FILE, `${JSON.stringify(swedishPhoneMetadata())}\n`);
  console.log(`wrote ${PHONE_METADATA_FILE}`);
}
