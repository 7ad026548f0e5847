import { formatKronor } from "../../shared/money.ts";
import type { ImportProblem, ImportTotals } from "../../shared/programmes/import.ts";
import { CliError, EXIT, type Io } from "../io.ts";

/** A line per refusal: by CSV line where it has one, as the officer's preview shows them. */
export function formatProblem(problem: ImportProblem): string {
  return problem.line === undefined ? problem.message.en : `line ${problem.line}: ${problem.message.en}`;
}

interface FieldRefusal {
  path: string;
  code: string;
  message: { en: string };
}

interface Answer<T> {
  status: number;
  body: T & { code?: string; message?: { en?: string }; errors?: FieldRefusal[] };
}

async function send<T>(base: string, token: string, path: string, body: unknown): Promise<Answer<T>> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new CliError(`cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Answer<T>["body"] };
}

/** A refusal that is not about the content (no access, a conflict, the API down): exit 2. */
function failed(path: string, answer: Answer<unknown>): CliError {
  const { code = "", message } = answer.body;
  return new CliError(`POST ${path}: ${answer.status} ${code} ${message?.en ?? ""}`.trim());
}

/** 400 with field errors: the content is refused, each refusal on a line of its own (exit 1). */
function refused(io: Io, errors: readonly FieldRefusal[]): number {
  for (const e of errors) {
    const line = /^bilaga1Csv\.line\.(\d+)$/.exec(e.path)?.[1];
    io.stderr.write(`${line ? `line ${line}` : e.path}: ${e.message.en}\n`);
  }
  return EXIT.invalid;
}

const totalsLine = (t: ImportTotals) =>
  `${t.rows} rows adding up to ${formatKronor(t.sum)} (stated total ${t.stated === null ? "none" : formatKronor(t.stated)})`;

/**
 * `programme import … --api <url>`: what the officer's page does, from a script. The draft
 * (`{ meta, bilaga1Csv }`) is POSTed to the API, which keeps it with its preview; every refusal is
 * printed by CSV line. With `--publish`, a draft without problems is published (which opens the
 * programme and announces it to the municipalities).
 */
export async function importThroughApi(
  io: Io,
  options: { base: string; token: string; meta: unknown; csv: string; publish: boolean },
): Promise<number> {
  const { base, token } = options;
  const saved = await send<{
    draft: { programmeId: string; problems: ImportProblem[]; totals: ImportTotals };
  }>(base, token, "/programmes", { meta: options.meta, bilaga1Csv: options.csv });
  if (saved.status === 400 && saved.body.errors) return refused(io, saved.body.errors);
  if (saved.status !== 200 && saved.status !== 201) throw failed("/programmes", saved);
  const { draft } = saved.body;
  const id = draft.programmeId;
  io.stdout.write(
    `Draft ${id} ${saved.status === 201 ? "saved" : "replaced"}: ${totalsLine(draft.totals)}\n`,
  );
  if (draft.problems.length > 0) {
    for (const problem of draft.problems) io.stderr.write(`${formatProblem(problem)}\n`);
    io.stderr.write(
      `${draft.problems.length} problem(s): fix the table and import again; nothing is published.\n`,
    );
    return EXIT.invalid;
  }
  if (!options.publish) {
    io.stdout.write(`Not published: check the preview, then import again with --publish.\n`);
    return EXIT.ok;
  }
  const path = `/programmes/${encodeURIComponent(id)}/publish`;
  const published = await send<{ version: number; opening: { announced: number; unreachable: string[] } }>(
    base,
    token,
    path,
    {},
  );
  if (published.status === 400 && published.body.errors) return refused(io, published.body.errors);
  if (published.status !== 201) throw failed(path, published);
  const { version, opening } = published.body;
  io.stdout.write(
    `Published ${id} as version ${version}: announced to ${opening.announced} municipalities, ${opening.unreachable.length} without an address yet.\n`,
  );
  return EXIT.ok;
}
