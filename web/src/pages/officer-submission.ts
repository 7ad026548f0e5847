import { get } from "../api.ts";
import { append, h, param } from "../dom.ts";
import { historySection } from "../history.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, setTitle } from "../layout.ts";
import { decisionForm } from "../officer-submission/decision-form.ts";
import { filesList } from "../officer-submission/files-list.ts";
import { originalViewer } from "../officer-submission/original-viewer.ts";
import { paymentForm } from "../officer-submission/payment-form.ts";
import { submissionSummary } from "../officer-submission/submission-summary.ts";
import { pageFile } from "../pages.ts";
import type { SubmissionDetail } from "../types.ts";

/**
 * One submission for an officer: the submitted data beside the signed original, then approve or
 * return with a reason (optionally asking for a bank statement or a new signed original), and
 * record the payment of an approved requisition.
 */
const TEXT = {
  heading: (reference: string) => ({ sv: `Granska ${reference}`, en: `Review ${reference}` }),
  back: { sv: "Tillbaka till översikten", en: "Back to the overview" },
} satisfies Texts;

await boot("officer-submission", "officer", async ({ main }) => {
  const id = param("id") ?? "";
  const render = async (focus: boolean) => {
    const detail = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(id)}`);
    const s = detail.submission;
    setTitle("officer-submission", s.reference);
    const heading = h("h1", { tabindex: "-1" }, m(TEXT.heading(s.reference)));
    // After a decision or payment the page shows the new state, and the heading takes focus.
    const reload = () => void render(true);
    const actions: HTMLElement[] = [];
    if (s.status === "received") actions.push(decisionForm(s, reload));
    if (s.kind === "requisition" && s.status === "approved" && !s.payment)
      actions.push(paymentForm(s, reload));
    main.replaceChildren(heading);
    append(main, [
      h(
        "p",
        {},
        h(
          "a",
          { href: `${pageFile("officer")}?programme=${encodeURIComponent(s.programmeId)}` },
          m(TEXT.back),
        ),
      ),
      h("div", { class: "review" }, submissionSummary(detail), await originalViewer(detail)),
      ...actions,
      filesList(detail),
      historySection(detail.audit, (actor) => actor.email ?? actor.kind),
    ]);
    if (focus) heading.focus();
  };
  await render(false);
});
