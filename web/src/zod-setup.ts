import { config } from "zod/mini";

/**
 * The pages' Content-Security-Policy has no 'unsafe-eval', so zod must not compile parsers with
 * `new Function` (it would only find out by trying, which the browser reports as a violation).
 * zod/mini's objects never compile; classic zod's do, so this holds should one ever reach a page.
 * Imported first by every page that parses, before any schema runs.
 *
 * `config` by name: importing zod's `z` object instead makes the bundler keep everything it
 * holds (the compiler, JSON Schema, every locale), ~160 kB per form page.
 */
config({ jitless: true });
