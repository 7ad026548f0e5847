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

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `input` with the accounts' names in: the signatory's where given, the certifier's on a report
 * (`certifier` given); a name not given is taken out rather than left as the client typed it.
 * Only sections that are objects are touched, so a malformed form is refused as it was sent.
 */
export function withAccountNames(input: Json, names: AccountNames, report: boolean): Json;
export function withAccountNames(input: unknown, names: AccountNames, report: boolean): unknown;
export function withAccountNames(input: unknown, names: AccountNames, report: boolean): unknown {
  if (!isObject(input)) return input;
  const form: Json = { ...input };
  if (isObject(form.signature)) {
    const { signatory: _typed, ...signature } = form.signature;
    form.signature = {
      ...signature,
      ...(names.signatory !== undefined ? { signatory: names.signatory } : {}),
    };
  }
  if (report && isObject(form.certification)) {
    const { name: _name, title: _title, ...certification } = form.certification;
    form.certification = { ...certification, ...(names.certifier ?? {}) };
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
  if (!isObject(form)) return canonical(form);
  const { signature: _signature, ...rest } = withAccountNames(form, {}, true);
  return canonical(rest);
}
