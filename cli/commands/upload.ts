import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";

/**
 * `statsbidrag upload <submissionId> <file>`: what the submission page does with a scan of the
 * signed form, from a script: asks the API for an upload slot, posts the file to the presigned
 * form it gets, and waits for the upload check's verdict. Talks only to the API (default the local
 * stack at http://localhost:$PORT or 3000), so it works against any stage with a token.
 */
const TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
};

interface Attachment {
  id: string;
  status: string;
  refusal?: { message: { sv: string; en: string } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function api<T>(base: string, token: string, method: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(method === "POST" ? { body: "{}" } : {}),
  }).catch((error: unknown) => {
    throw new CliError(`cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const body = (await res.json().catch(() => ({}))) as T & { code?: string; message?: { en?: string } };
  if (!res.ok)
    throw new CliError(
      `${method} ${path}: ${res.status} ${body.code ?? ""} ${body.message?.en ?? ""}`.trim(),
    );
  return body;
}

export const upload: Command = {
  summary: "upload the scan of a signed form to a submission and wait for the check's verdict",
  usage: "statsbidrag upload <submissionId> <file.pdf|jpg|png|tif> [--token <bearer>] [--api <url>]",
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      token: { type: "string" },
      api: { type: "string" },
    });
    const [submissionId, file, extra] = positionals;
    if (!submissionId || !file || extra !== undefined)
      throw new CliError("give a submission id and a file", true);
    const token = values.token ?? process.env.STATSBIDRAG_TOKEN;
    if (!token) throw new CliError("give --token (or set STATSBIDRAG_TOKEN): see `statsbidrag token`", true);
    const base = (values.api ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
    const type = TYPES[extname(file).toLowerCase()];
    if (!type) throw new CliError(`${file}: a scan is a PDF, JPEG, PNG or TIFF file`);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`);
    });

    const id = encodeURIComponent(submissionId);
    const { upload: slot } = await api<{
      upload: { url: string; fields: Record<string, string>; attachmentId: string };
    }>(base, token, "POST", `/submissions/${id}/original`);
    const form = new FormData();
    for (const [key, value] of Object.entries(slot.fields)) form.append(key, value);
    form.append("file", new Blob([bytes], { type }), basename(file));
    const posted = await fetch(slot.url, { method: "POST", body: form });
    if (!posted.ok) throw new CliError(`the upload was refused: ${posted.status} ${await posted.text()}`);
    io.stdout.write(`Uploaded ${basename(file)} (${bytes.length} bytes); waiting for the check…\n`);

    // The check and the malware scan settle the file within seconds; poll as the page does.
    for (let attempt = 0; attempt < 60; attempt++) {
      const detail = await api<{ attachments: Attachment[] }>(base, token, "GET", `/submissions/${id}`);
      const attachment = detail.attachments.find((a) => a.id === slot.attachmentId);
      if (attachment?.status === "accepted") {
        io.stdout.write("Accepted: the signed original is received.\n");
        return EXIT.ok;
      }
      if (attachment?.status === "refused" || attachment?.status === "void") {
        io.stdout.write(`Not accepted: ${attachment.refusal?.message.en ?? attachment.status}\n`);
        return EXIT.invalid;
      }
      await sleep(Math.min(2000, 250 * (attempt + 1)));
    }
    io.stderr.write("No verdict yet: look at the submission later.\n");
    return EXIT.invalid;
  },
};
