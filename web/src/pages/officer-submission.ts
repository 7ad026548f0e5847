import { may } from "../../../shared/submissions/lifecycle.ts";
import { get } from "../api.ts";
import { append, h, param } from "../dom.ts";
import { historySection } from "../history.ts";
import { type Msg, m, type Texts } from "../i18n.ts";
import { boot, setTitle } from "../layout.ts";
import { attestPanel } from "../officer-submission/attest-panel.ts";
import { decisionForm } from "../officer-submission/decision-form.ts";
import { filesList } from "../officer-submission/files-list.ts";
import { originalViewer } from "../officer-submission/original-viewer.ts";
import { paymentForm } from "../officer-submission/payment-form.ts";
import { paymentSummary } from "../officer-submission/payment-summary.ts";
import { submissionSummary } from "../officer-submission/submission-summary.ts";
import { versionNotices } from "../officer-submission/versions.ts";
import { pageFile } from "../pages.ts";
import type { SubmissionDetail } from "../types.ts";

/**
 * One submission for an officer: the submitted data beside the signed original, then what the
 * lifecycle allows now — approve, return with a reason (optionally asking for a bank statement or a
 * new signed original) or refuse a requisition with a reason; record the payment of an approved
 * requisition, or attest another officer's proposal — or, once paid, the payment. A replaced version says so and links its replacement.
 */
const TEXT = {
  heading: (reference: string) => ({ sv: `Granska ${reference}`, en: `Review ${reference}` }),
  back: { sv: "Tillbaka till översikten", en: "Back to the overview" },
} satisfies Texts;

await boot("officer-submission", "officer", async ({ main, session }) => {
  const id = param("id") ?? "";
  const render = async (saved?: Msg) => {
    const detail = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(id)}`);
    const s = detail.submission;
    setTitle("officer-submission", s.reference);
    const heading = h("h1", { tabindex: "-1" }, m(TEXT.heading(s.reference)));
    // After a decision or a payment the page shows the new state, and says what was saved.
    const reload = (message: Msg) => void render(message);
    const notice = saved
      ? h(
          "div",
          { class: "notice notice-success", id: "saved-notice", role: "status", tabindex: "-1" },
          m(saved),
        )
      : null;
    const actions = [
      decisionForm(s, reload),
      s.status === "payment-proposed"
        ? attestPanel(s, session, reload)
        : may(s, "propose-payment")
          ? paymentForm(s, reload)
          : paymentSummary(s),
    ].filter((el) => el !== null);
    const [versions, viewer] = await Promise.all([versionNotices(s), originalViewer(detail)]);
    main.replaceChildren(heading);
    append(main, [
      notice,
      ...versions,
      h(
        "p",
        {},
        h(
          "a",
          { href: `${pageFile("officer")}?programme=${encodeURIComponent(s.programmeId)}` },
          m(TEXT.back),
        ),
      ),
      h("div", { class: "review" }, submissionSummary(detail), viewer),
      ...actions,
      filesList(detail),
      historySection(detail.audit, (actor) => actor.email ?? actor.kind),
    ]);
    notice?.focus();
  };
  await render();
});
