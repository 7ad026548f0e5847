import { AppError } from "../errors.ts";
import type { ProgrammeCatalogue } from "./ports.ts";

/** The code a write answers when the programme it validated against is no longer the current version. */
export const PROGRAMME_CHANGED = "PROGRAMME_CHANGED";

/**
 * Runs a write that requires the programme version it was validated against. When it is refused
 * because the programme moved on, the function's kept copy goes too, so the caller's retry reads
 * (and validates against) the version that is current now.
 */
export async function forgettingStale<T>(
  catalogue: ProgrammeCatalogue,
  programmeId: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof AppError && error.code === PROGRAMME_CHANGED) catalogue.forget?.(programmeId);
    throw error;
  }
}
