import { createDevIssuer, DEFAULT_KEY_FILE, type TokenSubject } from "../../infra/local/dev-issuer.ts";
import {
  MUNICIPAL_ROLES,
  type MunicipalRole,
  OFFICER_ROLES,
  type OfficerRole,
} from "../../shared/auth/roles.ts";
import { recipientByCode } from "../../shared/recipients/registry.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";

function rolesOf<R extends string>(given: readonly string[], known: readonly R[], who: string): R[] {
  const unknown = given.find((r) => !(known as readonly string[]).includes(r));
  if (unknown) throw new CliError(`--role ${unknown}: ${who} roles are ${known.join(", ")}`, true);
  return known.filter((r) => given.includes(r));
}

/**
 * `statsbidrag token --kommun 1281 [--role signatory]…` / `--officer [--role attestant]`: a bearer
 * token from the local dev issuer, signed with the key `npm start` uses (.data/dev-issuer-key.json),
 * so the local stack accepts it. A municipal token without `--role` carries all three roles; an
 * officer works for `--agency` (default kammarkollegiet). On AWS, tokens come from Cognito instead.
 */
export const token: Command = {
  summary: "print a local dev bearer token for a municipality or an officer",
  usage:
    "statsbidrag token (--kommun <kommunkod> [--role preparer|signatory|certifier]… | --officer [--agency <slug>] [--role attestant]) [--email <address>] [--name <name>] [--title <title>] [--hours <n>]",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      kommun: { type: "string" },
      officer: { type: "boolean" },
      agency: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      title: { type: "string" },
      role: { type: "string", multiple: true },
      hours: { type: "string" },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, true);
    if (Boolean(values.kommun) === Boolean(values.officer)) {
      throw new CliError("give either --kommun <kommunkod> or --officer", true);
    }
    if (values.kommun && !recipientByCode(values.kommun)) {
      throw new CliError(`unknown recipient code "${values.kommun}"`);
    }
    const hours = Number(values.hours ?? 8);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
      throw new CliError("--hours must be between 0 and 720");
    const issuer = await createDevIssuer(process.env.STATSBIDRAG_DEV_KEY_FILE ?? DEFAULT_KEY_FILE);
    const person = {
      ...(values.email ? { email: values.email } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values.title ? { title: values.title } : {}),
    };
    const given = values.role ?? [];
    const subject: TokenSubject = values.kommun
      ? {
          kommunkod: values.kommun,
          ...person,
          ...(given.length > 0 ? { roles: rolesOf<MunicipalRole>(given, MUNICIPAL_ROLES, "municipal") } : {}),
        }
      : {
          officer: true,
          ...person,
          ...(values.agency ? { agency: values.agency } : {}),
          roles: rolesOf<OfficerRole>(given, OFFICER_ROLES, "officer"),
        };
    io.stdout.write(`${await issuer.mint(subject, Math.round(hours * 3600))}\n`);
    return EXIT.ok;
  },
};
