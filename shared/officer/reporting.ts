import type { Principal } from "../auth/principal.ts";
import { today } from "../clock.ts";
import { ValidationError } from "../errors.ts";
import { programmeFor } from "../programmes/access.ts";
import type { Answers } from "../programmes/questions.ts";
import type { OfficerDeps } from "./deps.ts";
import { type ExportLanguage, exportCsv } from "./export.ts";
import { overview, positions } from "./overview.ts";

type ReportingDeps = Pick<OfficerDeps, "officer" | "submissions" | "catalogue" | "clock">;

async function programmePositions(deps: ReportingDeps, principal: Principal, programmeId: string) {
  const programme = await programmeFor(deps.catalogue, principal, programmeId);
  const [rows, submissions] = await Promise.all([
    deps.officer.listLedger(programmeId),
    deps.submissions.listSubmissions({ programmeId }),
  ]);
  return { programme, submissions, list: positions(programme, rows, submissions) };
}

/** GET /programmes/{id}/overview */
export async function programmeOverview(deps: ReportingDeps, principal: Principal, programmeId: string) {
  const { programme, list } = await programmePositions(deps, principal, programmeId);
  return overview(programme, list, today(deps.clock));
}

/** `?lang=`: Swedish unless English is asked for; anything else is a 400 naming the parameter. */
export function exportLanguage(lang: string | undefined): ExportLanguage {
  if (lang === undefined || lang === "sv" || lang === "en") return lang ?? "sv";
  throw new ValidationError([
    {
      path: "lang",
      code: "INVALID_QUERY_PARAMETER",
      message: {
        sv: "Ogiltig sökparameter: lang (sv eller en).",
        en: "Invalid query parameter: lang (sv or en).",
      },
    },
  ]);
}

/** GET /programmes/{id}/export.csv?lang=sv|en: the file and a name for it. */
export async function programmeExport(
  deps: ReportingDeps,
  principal: Principal,
  programmeId: string,
  lang: ExportLanguage = "sv",
) {
  const { programme, submissions, list } = await programmePositions(deps, principal, programmeId);
  const answers = new Map<string, Answers>();
  for (const s of submissions) {
    const given = (s.form as { answers?: Answers }).answers;
    if (given) answers.set(s.id, given);
  }
  return {
    filename: `${programme.id}-${today(deps.clock)}.csv`,
    csv: exportCsv(
      list,
      { appropriation: programme.appropriation, questions: programme.questions, answers },
      lang,
    ),
  };
}
