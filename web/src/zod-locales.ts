/**
 * Stands in for zod's index of ~40 locales (a quarter of a megabyte) in the web bundle: zod only
 * configures English by itself, and the pages show their own Swedish and English messages from
 * shared/forms/codes.ts. See web/build.ts.
 */
export { default as en } from "zod/v4/locales/en.js";
