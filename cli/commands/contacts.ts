import { userInfo } from "node:os";
import type { Actor } from "../../shared/audit.ts";
import { contactDeps } from "../../shared/composition-root.ts";
import { importContacts } from "../../shared/contacts/csv-import.ts";
import { listContacts } from "../../shared/contacts/register.ts";
import { toCsv } from "../../shared/officer/csv.ts";
import { CliError, type Command, EXIT, parseCommandArgs, readText } from "../io.ts";
import { useStage, withTable } from "../stage.ts";

const USAGE = `statsbidrag contacts import <file.csv> | contacts list [--format csv|json]

  <file.csv>: UTF-8, ";"-separated, optional header row, one row per address:
    kommunkod;email;name;organisationNumber
  A row without a name sets the municipality's registry address, a row with one its named
  contact. organisationNumber (212000-NNNN, optional) is the municipality's; once loaded, a
  form's recipient must carry exactly that number. It may come on any of the municipality's
  rows (the same on each) or on a row of its own: 1281;;;212000-1264`;

function cliActor(): Actor {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // no user database entry (some containers): keep "unknown"
  }
  return { sub: `cli:${name}`, kind: "officer" };
}

/**
 * `statsbidrag contacts import <file.csv>`: the officers' contact register from a file,
 * `kommunkod;email;name;organisationNumber` (see USAGE). All or nothing: one bad row and nothing
 * changes. `contacts list` prints the register.
 */
export const contacts: Command = {
  summary: "import or list the contact register (addresses and organisation numbers)",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseCommandArgs(rest, { format: { type: "string", default: "csv" } });
    if (sub === "import") {
      const [file, extra] = positionals;
      if (!file) throw new CliError("need <file.csv>", true);
      if (extra !== undefined) throw new CliError(`unexpected argument "${extra}"`, true);
      const text = await readText(file);
      const result = await withTable(useStage(), () => importContacts(contactDeps(), cliActor(), text));
      if (!result.ok) {
        for (const p of result.problems) io.stderr.write(`line ${p.line}: ${p.message}\n`);
        io.stderr.write("nothing imported\n");
        return EXIT.invalid;
      }
      io.stdout.write(`Imported contacts for ${result.updated} municipalities\n`);
      return EXIT.ok;
    }
    if (sub === "list") {
      if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, true);
      if (values.format !== "csv" && values.format !== "json") {
        throw new CliError(`--format must be csv or json, not "${values.format}"`, true);
      }
      const list = await withTable(useStage(), () => listContacts(contactDeps()));
      if (values.format === "json") {
        io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return EXIT.ok;
      }
      const rows = list.map((c) => [
        c.kommunkod,
        c.kommun,
        "registryEmail" in c ? c.registryEmail : undefined,
        "contact" in c ? c.contact?.name : undefined,
        "contact" in c ? c.contact?.email : undefined,
        "organisationNumber" in c ? c.organisationNumber : undefined,
      ]);
      io.stdout.write(
        toCsv([
          ["kommunkod", "kommun", "registryEmail", "contactName", "contactEmail", "organisationNumber"],
          ...rows,
        ]),
      );
      return EXIT.ok;
    }
    throw new CliError(`unknown subcommand "${sub ?? ""}" (expected: import, list)`, true);
  },
};
