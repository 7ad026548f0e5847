/** Postnummer: five digits, the first 1–9, written `NNN NN` (the space is optional). */
const POSTAL_CODE = /^([1-9]\d{2}) ?(\d{2})$/;

export function isPostalCode(value: string): boolean {
  return POSTAL_CODE.test(value);
}

/** `NNN NN`, as PostNord prints it; anything unrecognised is returned unchanged. */
export function normalisePostalCode(value: string): string {
  // Six characters with the space in place come out as they went in, matched or not.
  if (value.length === 6 && value.charCodeAt(3) === 32) return value;
  const match = POSTAL_CODE.exec(value);
  return match ? `${match[1]} ${match[2]}` : value;
}
