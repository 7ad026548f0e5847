/**
 * Luhn (mod 10), the check digit of organisationsnummer, bankgiro and plusgiro numbers.
 * Digits are weighted 2, 1, 2, 1 … from the right of the payload (the digits before the check digit).
 */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new Error("luhnCheckDigit: payload must be digits");
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when the last digit is the Luhn check digit of the ones before it. One pass over the
 * character codes: every organisation and giro number of every form comes through here.
 */
export function passesLuhn(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  // From the right, check digit included at weight 1: the payload's rightmost digit is doubled.
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (digit < 0 || digit > 9) return false;
    const weighted = i % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum % 10 === 0;
}
