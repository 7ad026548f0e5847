import { get } from "../api.ts";
import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { Submission, SubmissionDetail } from "../types.ts";

const TEXT = {
  replacedBy: {
    sv: "Den här versionen är ersatt av en rättad version, som granskas i stället: ",
    en: "This version has been replaced by a corrected version, which is reviewed instead: ",
  },
  replaces: { sv: "Rättad version av ", en: "Corrected version of " },
  theOther: { sv: "den andra versionen", en: "the other version" },
} satisfies Texts;

/** The other version's reference for the link; its id stays the target if it cannot be read. */
async function referenceOf(id: string): Promise<string | undefined> {
  try {
    return (await get<SubmissionDetail>(`/submissions/${encodeURIComponent(id)}`)).submission.reference;
  } catch {
    return undefined;
  }
}

function link(id: string, reference: string | undefined, linkId: string): HTMLElement {
  return h(
    "a",
    { href: `${pageFile("officer-submission")}?id=${encodeURIComponent(id)}`, id: linkId },
    reference ?? m(TEXT.theOther),
  );
}

/** A corrected submission links the version it replaces; a replaced one says so and links its replacement. */
export async function versionNotices(s: Submission): Promise<HTMLElement[]> {
  const [replacedBy, replaces] = await Promise.all([
    s.replacedBy ? referenceOf(s.replacedBy) : undefined,
    s.replaces ? referenceOf(s.replaces) : undefined,
  ]);
  return [
    s.replacedBy
      ? h(
          "p",
          { class: "notice notice-warning", id: "replaced-notice" },
          m(TEXT.replacedBy),
          link(s.replacedBy, replacedBy, "replacement-link"),
          ".",
        )
      : null,
    s.replaces
      ? h(
          "p",
          { class: "notice", id: "replaces-notice" },
          m(TEXT.replaces),
          link(s.replaces, replaces, "replaced-link"),
          ".",
        )
      : null,
  ].filter((el) => el !== null);
}
