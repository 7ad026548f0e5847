import * as z from "zod/mini";

/** The same e-mail syntax as zod's `z.email()`, which the rest of the system uses. */
export function isEmail(value: string): boolean {
  return z.regexes.email.test(value);
}
