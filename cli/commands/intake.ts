import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createS3Client, S3FileStorage } from "../../shared/adapters/s3/file-storage.ts";
import { parseMail } from "../../shared/intake/mime.ts";
import { sesReceiptHeaders, withSesReceiptHeaders } from "../../shared/intake/ses-receipt-headers.ts";
import { BUCKET_PREFIXES } from "../../shared/submissions/object-keys.ts";
import { CliError, type Command, EXIT, parseCommandArgs } from "../io.ts";
import { useStage } from "../stage.ts";

/**
 * `statsbidrag intake <message.eml>`: puts a raw message under intake/ in the stage's bucket,
 * exactly where the SES receipt rule writes what the intake address receives, so the bucket's
 * notification hands it to mail-intake (locally `npm start` delivers it the same way). It needs
 * the bucket only, so it builds the one S3 adapter itself rather than the whole configuration.
 *
 * On a local stage no SES judged the message, so the CLI stands in for it: `--ses pass` (the
 * default there) puts SES's verdict fields on top saying the From domain passed SPF, DKIM and
 * DMARC, `--ses fail` that it failed, `--ses none` leaves the message as it is. On a deployed
 * stage SES alone writes that verdict: the message goes as it is, and without one it waits for an
 * officer (shared/intake/sender-auth.ts).
 */
export const intake: Command = {
  summary: "put a raw e-mail (.eml) where the intake address's mail lands, for the mail intake to file",
  usage: "statsbidrag intake <message.eml> [--ses pass|fail|none]",
  async run(args, io) {
    const { positionals, values } = parseCommandArgs(args, { ses: { type: "string" } });
    const [file, extra] = positionals;
    if (!file || extra !== undefined) throw new CliError("give one .eml file", true);
    const stage = useStage();
    const ses = values.ses ?? (stage.local ? "pass" : "none");
    if (ses !== "pass" && ses !== "fail" && ses !== "none")
      throw new CliError("--ses is pass, fail or none", true);
    if (!stage.local && ses !== "none") {
      throw new CliError("--ses is for a local stage: on AWS, SES writes its own verdict", true);
    }
    const read = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`);
    });
    const from = ses === "none" ? undefined : (await parseMail(read)).from;
    if (ses !== "none" && !from) throw new CliError(`${file} has no From address to give a verdict on`);
    const bytes = ses === "none" || !from ? read : withSesReceiptHeaders(read, sesReceiptHeaders(from, ses));
    if (stage.local) process.env.AWS_ENDPOINT_URL_S3 ??= `http://127.0.0.1:${process.env.S3_PORT ?? 4569}`;
    const bucket = process.env.BUCKET_NAME;
    if (!bucket) throw new CliError("BUCKET_NAME is not set for this stage");
    const s3 = createS3Client();
    const key = `${BUCKET_PREFIXES.intake}${randomUUID()}.eml`;
    try {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await new S3FileStorage(s3, bucket).put(key, new Uint8Array(bytes), sha256);
    } catch (error) {
      const where = stage.local ? " (is `npm start` running?)" : "";
      throw new CliError(
        `cannot write to bucket ${bucket}${where}: ${error instanceof Error ? error.name : String(error)}`,
      );
    } finally {
      s3.destroy();
    }
    io.stdout.write(
      `Put ${basename(file)} (${bytes.length} bytes) at ${key}${ses === "none" ? "" : ` with SES's verdict "${ses}"`}; the mail intake takes it from there.\n`,
    );
    return EXIT.ok;
  },
};
