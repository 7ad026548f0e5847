import type { FieldError } from "../../../shared/errors.ts";
import { getPath, setPath } from "./paths.ts";

/**
 * Errors of the shared schema (shape) and rules (relations) while the user types. The rules only
 * run on a form that parses, so fields with shape errors are stood in for by a valid sample's
 * value; rule errors that depend on a stood-in field are dropped. That way "amount exceeds
 * allocation" shows while the e-mail is still half-typed.
 */
export function liveErrors<F>(
  input: Record<string, unknown>,
  sample: unknown,
  parse: (input: unknown) => { ok: true; form: F } | { ok: false; errors: FieldError[] },
  rules: (form: F) => FieldError[],
  dependsOn: Record<string, string[]> = {},
): FieldError[] {
  const parsed = parse(input);
  if (parsed.ok) return rules(parsed.form);
  const bad = new Set(parsed.errors.map((e) => e.path));
  const patched = structuredClone(input);
  for (const path of bad) setPath(patched, path, structuredClone(getPath(sample, path)));
  const reparsed = parse(patched);
  if (!reparsed.ok) return parsed.errors;
  const independent = (path: string) => !bad.has(path) && !(dependsOn[path] ?? []).some((p) => bad.has(p));
  return [...parsed.errors, ...rules(reparsed.form).filter((e) => independent(e.path))];
}
