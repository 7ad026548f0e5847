import type * as z from "zod/mini";
import type { FieldError } from "../errors.ts";
import { fieldError, isSimpleCode } from "./codes.ts";

type Issue = z.core.$ZodIssue;

const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");
const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);
/** A missing key and an explicit null both mean the field was not filled in. */
const isMissing = (issue: Issue) => issue.input === undefined || issue.input === null;

/** Zod issues as FieldErrors with the stable codes of ./codes.ts. */
export function toFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue) => toFieldError(issue, dotted(issue.path)));
}

function toFieldError(issue: Issue, path: string): FieldError[] {
  switch (issue.code) {
    case "custom": {
      const code: unknown = issue.params?.code;
      // Every custom issue comes from ./fields.ts with a simple code; anything else is a bug
      // that must still give an error rather than crash the parse.
      return [
        isSimpleCode(code) ? fieldError(path, code) : fieldError(path, "INVALID_VALUE", { allowed: [] }),
      ];
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => fieldError(join(path, key), "UNKNOWN_FIELD", { field: key }));
    case "invalid_type":
      return isMissing(issue)
        ? [fieldError(path, "REQUIRED")]
        : [fieldError(path, "INVALID_TYPE", { expected: issue.expected })];
    case "too_small":
      // Only text has a minimum (1 after trimming): too short means empty.
      return [fieldError(path, "REQUIRED")];
    case "too_big":
      return [fieldError(path, "TOO_LONG", { max: Number(issue.maximum) })];
    case "invalid_value":
      return isMissing(issue)
        ? [fieldError(path, "REQUIRED")]
        : [fieldError(path, "INVALID_VALUE", { allowed: issue.values.map(String) })];
    default:
      return [fieldError(path, "INVALID_VALUE", { allowed: [] })];
  }
}
