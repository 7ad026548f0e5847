import type { Actor } from "../audit.ts";

/** An officer opened (announced) the programme: municipalities were told, reminders may start. */
export interface ProgrammeOpening {
  programmeId: string;
  openedAt: string;
  /** Stockholm date of opening; reminders never count down from before it. */
  openedOn: string;
  openedBy: Actor;
}

/** When and by whom a programme was opened, as officers see it; null while it is not. */
export function openingView(opening: ProgrammeOpening | undefined) {
  if (!opening) return null;
  return {
    openedAt: opening.openedAt,
    openedOn: opening.openedOn,
    openedBy: opening.openedBy.email ?? opening.openedBy.sub,
  };
}
