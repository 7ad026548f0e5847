import { systemClock, today as todayOf } from "../../shared/clock.ts";
import { isIsoDate } from "../../shared/dates.ts";
import type { FieldError } from "../../shared/errors.ts";
import { checkReport, checkRequisition } from "../../shared/forms/validate.ts";
import { recipientByCode } from "../../shared/recipients/registry.ts";
import { CliError, type Command, EXIT, parseCommandArgs, readJson } from "../io.ts";
import { programmeOrFail } from "../lookup.ts";

const CHECKS = { requisition: checkRequisition, report: checkReport } as const;
type FormKind = keyof typeof CHECKS;
const isFormKind = (value: string | undefined): value is FormKind =>
  value === "requisition" || value === "report";

/** One error a line: path, code and the Swedish message, tab-separated for `cut` and Excel. */
export function formatError(error: FieldError): string {
  return `${error.path || "-"}\t${error.code}\t${error.message.sv}`;
}

function todayOption(value: string | undefined): string {
  if (value === undefined) return todayOf(systemClock);
  if (!isIsoDate(value)) throw new CliError(`--today must be a date YYYY-MM-DD, not "${value}"`, true);
  return value;
}

/** `statsbidrag validate requisition|report <file>`: the same checks as the API, offline. */
export const validate: Command = {
  summary: "check a Bilaga 2 requisition or report (JSON) against a programme",
  usage:
    "statsbidrag validate requisition|report <file.json> --programme <id> --kommun <kommunkod> [--today YYYY-MM-DD]",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      programme: { type: "string" },
      kommun: { type: "string" },
      today: { type: "string" },
    });
    const [kind, file, extra] = positionals;
    if (!isFormKind(kind))
      throw new CliError(`first argument must be requisition or report, not "${kind ?? ""}"`, true);
    if (!file) throw new CliError("missing the form's JSON file", true);
    if (extra !== undefined) throw new CliError(`unexpected argument "${extra}"`, true);
    const programme = programmeOrFail(values.programme);
    if (!values.kommun) throw new CliError("missing --kommun <kommunkod>", true);
    if (!recipientByCode(values.kommun)) throw new CliError(`unknown recipient code "${values.kommun}"`);
    const today = todayOption(values.today);

    const result = CHECKS[kind](await readJson(file), programme, values.kommun, today);
    if (result.ok) {
      io.stdout.write("OK\n");
      return EXIT.ok;
    }
    for (const error of result.errors) io.stdout.write(`${formatError(error)}\n`);
    return EXIT.invalid;
  },
};
