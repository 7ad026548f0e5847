/**
 * Maximum lengths of the free-text fields. Generous for real answers, small enough that a
 * stored form can't grow without bound.
 */
export const MAX_LENGTH = {
  name: 200,
  street: 200,
  city: 100,
  phone: 30,
  email: 254,
  title: 300,
  diarienummer: 50,
  account: 20,
  reference: 50,
  organisationNumber: 20,
  postalCode: 10,
  longText: 4000,
} as const;
