/**
 * Swedish genitive of a place name: "Lund" → "Lunds", but names ending in s, x or z take no
 * extra s ("Borås tilldelning").
 */
export function genitiveSv(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** English possessive: "Lund's", "Borås's" (one rule for all names, as modern style guides do). */
export function genitiveEn(name: string): string {
  return `${name}'s`;
}
