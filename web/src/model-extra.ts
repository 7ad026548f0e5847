import type { OwnPosition } from "./types.ts";

/**
 * A model municipality's extra funds count while they can still be requisitioned, or have been.
 * Once the requisition deadline passed without them (`extraLapsed`, set by the daily job) they are
 * no longer offered, counted in sums or mentioned as possible.
 */
export function extraCounts(own: Pick<OwnPosition, "modelExtra" | "extraLapsed">): boolean {
  return own.modelExtra > 0 && !own.extraLapsed;
}

/** What is left of the extra to requisition (0 once it lapsed). */
export function extraLeft(
  own: Pick<OwnPosition, "modelExtra" | "modelExtraRequisitioned" | "extraLapsed">,
): number {
  return extraCounts(own) ? Math.max(0, own.modelExtra - own.modelExtraRequisitioned) : 0;
}
