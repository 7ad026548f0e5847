/**
 * A parser for one Authentication-Results header field (RFC 8601): the authserv-id and each
 * method's result with its properties. Small and strict on purpose: the intake reads one field
 * that SES writes, and anything it cannot read counts as no verdict, which makes the message wait
 * for an officer rather than trust its From.
 *
 * Written here rather than taken from `mailauth`: its parser is an internal module
 * (lib/parse-dkim-headers.js, not part of its API) of a package that brings DNS, DKIM signing and
 * HTTP clients into a Lambda that needs none of them.
 */
export interface MethodResult {
  /** Lower-cased method name, e.g. "spf", "dkim", "dmarc"; a version suffix (`dkim/1`) is dropped. */
  method: string;
  /** Lower-cased result, e.g. "pass", "fail", "none", "temperror". */
  result: string;
  /** Properties as written (`header.from`, `smtp.mailfrom`, …; SES also writes `envelope-from`). */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  /** Lower-cased: who made the verdicts (SES writes "amazonses.com"). */
  authservId: string;
  results: MethodResult[];
}

/** Text outside comments, with quoted strings kept whole; undefined when a comment or quote is unclosed. */
function withoutComments(value: string): string | undefined {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (quoted) {
      out += c;
      if (c === "\\" && i + 1 < value.length) out += value.charAt(++i);
      else if (c === '"') quoted = false;
    } else if (depth > 0) {
      if (c === "\\") i++;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
    } else if (c === "(") {
      depth = 1;
      out += " ";
    } else {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return depth === 0 && !quoted ? out : undefined;
}

/** Splits on `sep` outside quoted strings. */
function splitOutsideQuotes(text: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') quoted = !quoted;
    if (!quoted && sep.test(c)) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);

/** `key=value` → [lower-cased key, value]; undefined when there is no "=" or no key. */
function pair(token: string): [string, string] | undefined {
  const at = token.indexOf("=");
  if (at <= 0) return undefined;
  return [token.slice(0, at).toLowerCase(), unquote(token.slice(at + 1))];
}

/**
 * The field's value (without the "Authentication-Results:" name), unfolded or not. Undefined when
 * it is not an Authentication-Results value at all. A resinfo whose first word is not `method=result`
 * but a bare property (SES writes `client-ip=…; envelope-from=…; helo=…` after spf) belongs to the
 * method before it.
 */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
  const text = withoutComments(value.replace(/\r?\n[ \t]+/g, " "));
  if (text === undefined) return undefined;
  const [head, ...resinfos] = splitOutsideQuotes(text, /;/);
  const authservId = head?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId || authservId.includes("=")) return undefined;
  const results: MethodResult[] = [];
  for (const resinfo of resinfos) {
    const tokens = splitOutsideQuotes(resinfo, /\s/);
    const first = tokens[0] ? pair(tokens[0]) : undefined;
    if (!first) continue;
    const props: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const p = pair(token);
      if (p) props[p[0]] = p[1];
    }
    const [key, val] = first;
    const previous = results.at(-1);
    const isProperty = key.includes(".") || !/^[a-z][a-z0-9-]*(\/\d+)?$/.test(key) || !KNOWN.has(base(key));
    if (isProperty) {
      if (previous) Object.assign(previous.props, { [key]: val }, props);
      continue;
    }
    results.push({ method: base(key), result: val.toLowerCase(), props });
  }
  return { authservId, results };
}

const base = (key: string) => key.replace(/\/\d+$/, "");

/** The registered methods of RFC 8601's registry that the intake may meet; others are properties. */
const KNOWN = new Set(["spf", "dkim", "dmarc", "arc", "iprev", "auth", "sender-id", "domainkeys", "bimi"]);
