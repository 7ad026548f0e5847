import { z } from "zod";

/**
 * The pages' Content-Security-Policy has no 'unsafe-eval', so zod must not compile parsers with
 * `new Function` (it would only find out by trying, which the browser reports as a violation).
 * Imported first by every page that parses, before any schema runs.
 */
z.config({ jitless: true });
