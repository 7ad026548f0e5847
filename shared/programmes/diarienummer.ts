/**
 * Regeringskansliet's case reference, e.g. S2021/01234/SOF. On its own, without zod, because the
 * form rules in every submission bundle need the pattern and not the programme schemas.
 */
export const DIARIENUMMER_PATTERN = /^S\d{4}\/\d{1,6}\/[A-ZÅÄÖ]{1,6}(?:\/[A-ZÅÄÖ]{1,6})?$/;
