import { printedFormDeps } from "#shared/composition-root";
import { packageFonts } from "#shared/forms/pdf/package-fonts";
import { printedForm } from "#shared/submissions/printed-form";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { file } from "../commons/responses.ts";

const deps = printedFormDeps();

/**
 * The submission's Bilaga 2 filled in, as a PDF to print, sign and scan: the page's generator,
 * so mails and scripts get the same form. Its own function, so pdf-lib, fontkit and the font
 * files (copied into this bundle only: infra/constructs/form-fonts.ts) weigh on no other.
 */
export const handler = apiHandler("get-form", {
  "GET /submissions/{id}/form.pdf": async (event, { principal }) => {
    const form = await printedForm(deps, principal, pathParam(event, "id"), await packageFonts());
    return file(form.pdf, "application/pdf", form.fileName);
  },
});
