import { createDevIssuer, DEFAULT_KEY_FILE } from "../../infra/local/dev-issuer.ts";
import { municipalityByCode } from "../../shared/municipalities/registry.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";

/**
 * `statsbidrag token --kommun 1281` / `--officer`: a bearer token from the local dev issuer, signed
 * with the key `npm start` uses (an officer works for `--agency`, default kammarkollegiet) (.data/dev-issuer-key.json), so the local stack accepts it.
 * On AWS, tokens come from Cognito instead.
 */
export const token: Command = {
  summary: "print a local dev bearer token for a municipality or an officer",
  usage:
    "statsbidrag token (--kommun <kommunkod> | --officer [--agency <slug>]) [--email <address>] [--hours <n>]",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      kommun: { type: "string" },
      officer: { type: "boolean" },
      agency: { type: "string" },
      email: { type: "string" },
      hours: { type: "string" },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, true);
    if (Boolean(values.kommun) === Boolean(values.officer)) {
      throw new CliError("give either --kommun <kommunkod> or --officer", true);
    }
    if (values.kommun && !municipalityByCode(values.kommun)) {
      throw new CliError(`unknown kommunkod "${values.kommun}"`);
    }
    const hours = Number(values.hours ?? 8);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
      throw new CliError("--hours must be between 0 and 720");
    const issuer = await createDevIssuer(process.env.STATSBIDRAG_DEV_KEY_FILE ?? DEFAULT_KEY_FILE);
    const email = values.email ? { email: values.email } : {};
    const subject = values.kommun
      ? { kommunkod: values.kommun, ...email }
      : { officer: true as const, ...email, ...(values.agency ? { agency: values.agency } : {}) };
    io.stdout.write(`${await issuer.mint(subject, Math.round(hours * 3600))}\n`);
    return EXIT.ok;
  },
};
