/**
 * The names a Bilaga 2 form carries for the people who vouch for it — the signatory's
 * (`signature.signatory`) and the certifier's (`certification.name`, `certification.title`) — are
 * never typed: they come from the accounts of the people who sign and certify (README "Roles").
 * The API writes them into the form before checking it, so whatever a client sent there is
 * replaced; the browser writes the same values in, so both check the same form.
 */
export interface AccountNames {
  signatory?: string;
  certifier?: { name: string; title: string };
}

/** The paths the accounts fill: never the client's to set, so never among a draft's issues. */
export const ACCOUNT_NAME_PATHS = [
  "signature.signatory",
  "certification.name",
  "certification.title",
] as const;

type Json = Record<string, unknown>;

const objectAt = (input: Json, key: string): Json => {
  const value = input[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...(value as Json) } : {};
};

/**
 * `input` with the accounts' names in: the signatory's where given, the certifier's on a report
 * (`certifier` given). A name not given is taken out rather than left as the client typed it.
 */
export function withAccountNames(input: unknown, names: AccountNames, report: boolean): Json {
  const form: Json = typeof input === "object" && input !== null && !Array.isArray(input) ? { ...input } : {};
  // A section the input lacks stays out unless a name goes in: an empty draft stays empty.
  if ("signature" in form || names.signatory !== undefined) {
    const signature = objectAt(form, "signature");
    delete signature.signatory;
    if (names.signatory !== undefined) signature.signatory = names.signatory;
    form.signature = signature;
  }
  if (report && ("certification" in form || names.certifier)) {
    const certification = objectAt(form, "certification");
    delete certification.name;
    delete certification.title;
    if (names.certifier) Object.assign(certification, names.certifier);
    form.certification = certification;
  }
  return form;
}

/** JSON with its object keys sorted, so two equal forms give one string whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a certifier vouches for: the whole report but its signature, which is the signatory's to
 * give (their name, the day they sign) after the certification. Two forms that give the same
 * string here were certified alike.
 */
export function certifiedContent(form: unknown): string {
  const rest = withAccountNames(form, {}, true);
  delete rest.signature;
  return canonical(rest);
}
