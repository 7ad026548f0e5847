import { pageFile } from "../pages.ts";
import type { Submission } from "../types.ts";

/** The form page a submission was made on, for its programme (a correction adds `&from=`). */
export const formPage = (s: Submission) =>
  `${pageFile(s.kind === "report" ? "report" : "requisition")}?programme=${encodeURIComponent(s.programmeId)}`;
