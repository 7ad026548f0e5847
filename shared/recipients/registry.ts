import municipalityData from "./municipalities.json" with { type: "json" };
import otherData from "./regions-and-organisations.json" with { type: "json" };

/**
 * Who can receive a grant: the 290 municipalities, the 21 regions and the few organisations an
 * agreement pays directly (SKR). Every recipient has a four-digit code, so references, upload keys,
 * ledger keys and repayment references are the same for every kind:
 * - a municipality: its kommunkod ("1281");
 * - a region: its länskod as 00LL ("0012" Region Skåne);
 * - an organisation: 9NNN, given by this register ("9001" SKR).
 * Gotland is one body, a municipality with a region's tasks ("Region Gotland"): it keeps its
 * kommunkod 0980 and is also one of the 21 regions.
 */
export type RecipientKind = "municipality" | "region" | "organisation";
export const RECIPIENT_KINDS: readonly RecipientKind[] = ["municipality", "region", "organisation"];

/** Each kind in Swedish, as a word in a sentence or an export cell; its English word is the kind itself. */
export const RECIPIENT_KIND_SV: Readonly<Record<RecipientKind, string>> = {
  municipality: "kommun",
  region: "region",
  organisation: "organisation",
};

export type RecipientCode = string;

export interface Recipient {
  code: RecipientCode;
  kind: RecipientKind;
  /** The register's name: a municipality's bare name ("Lund"), a region's or organisation's full one. */
  name: string;
  /** Known for regions and organisations; a municipality's is checked by its prefix only. */
  organisationNumber?: string;
  /** Other kinds the same body is paid as (Gotland: a region too). */
  alsoKinds?: readonly RecipientKind[];
}

export const RECIPIENT_CODE_PATTERN = /^\d{4}$/;

/** Gotland carries the region's tasks and goes by "Region Gotland". */
const MUNICIPALITY_ALSO_REGION = "0980";

const normalise = (name: string) => name.normalize("NFC").trim();

const recipients: Recipient[] = [
  ...municipalityData.municipalities.map(
    (m): Recipient => ({
      code: m.kommunkod,
      kind: "municipality",
      name: m.name,
      ...(m.kommunkod === MUNICIPALITY_ALSO_REGION ? { alsoKinds: ["region"] as const } : {}),
    }),
  ),
  ...otherData.regions.map((r): Recipient => ({ ...withoutAliases(r), kind: "region" })),
  ...otherData.organisations.map((o): Recipient => ({ ...withoutAliases(o), kind: "organisation" })),
];

function withoutAliases(r: { code: string; name: string; organisationNumber: string }) {
  return { code: r.code, name: r.name, organisationNumber: r.organisationNumber };
}

const byCode = new Map<RecipientCode, Recipient>(recipients.map((r) => [r.code, r]));

// Names as the agencies' own tables spell them. Explicit on purpose: a fuzzy match could pay the
// wrong body. Names are looked up within the kinds a table is for: "Region Gotland" is Gotland in
// a table for regions.
const byName = new Map<string, RecipientCode>();
for (const r of recipients) byName.set(normalise(r.name), r.code);
for (const [name, code] of Object.entries(municipalityData.aliases)) byName.set(normalise(name), code);
for (const r of [...otherData.regions, ...otherData.organisations]) {
  for (const alias of r.aliases) byName.set(normalise(alias), r.code);
}
byName.set("Region Gotland", MUNICIPALITY_ALSO_REGION);

export function isOfKinds(recipient: Recipient, kinds: readonly RecipientKind[]): boolean {
  return kinds.includes(recipient.kind) || (recipient.alsoKinds ?? []).some((k) => kinds.includes(k));
}

export function allRecipients(): readonly Recipient[] {
  return recipients;
}

/** Every recipient a programme for these kinds can pay, in code order within each kind. */
export function recipientsOfKinds(kinds: readonly RecipientKind[]): Recipient[] {
  return recipients.filter((r) => isOfKinds(r, kinds));
}

export function recipientByCode(code: RecipientCode): Recipient | undefined {
  return byCode.get(code);
}

/**
 * A code or a name (exact after Unicode normalisation and trimming, or a listed alias; never
 * fuzzy), among the recipients of `kinds`.
 */
export function resolveRecipient(
  codeOrName: string,
  kinds: readonly RecipientKind[] = RECIPIENT_KINDS,
): Recipient | undefined {
  const key = normalise(codeOrName);
  const code = RECIPIENT_CODE_PATTERN.test(key) ? key : byName.get(key);
  const recipient = code === undefined ? undefined : byCode.get(code);
  return recipient && isOfKinds(recipient, kinds) ? recipient : undefined;
}

/** "Lund (1281)", "Region Skåne (0012)": how lists and mails name a recipient. */
export function recipientLabel(code: RecipientCode): string {
  return `${byCode.get(code)?.name ?? code} (${code})`;
}
