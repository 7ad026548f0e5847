import type { Recipient } from "../../../shared/forms/index.ts";
import type { Value } from "../form-kit/types.ts";

/** Section 1 of both forms, the recipient, between the fields' text values and the API's JSON. */

/** Text values → the recipient JSON (fax left out when empty). */
export function recipientInput(v: Record<string, Value>): Record<string, unknown> {
  const s = (path: string) => String(v[path] ?? "");
  const fax = s("recipient.fax").trim();
  return {
    name: s("recipient.name"),
    organisationNumber: s("recipient.organisationNumber"),
    contactPerson: s("recipient.contactPerson"),
    postalAddress: {
      street: s("recipient.postalAddress.street"),
      postalCode: s("recipient.postalAddress.postalCode"),
      city: s("recipient.postalAddress.city"),
    },
    phone: s("recipient.phone"),
    ...(fax ? { fax } : {}),
    email: s("recipient.email"),
  };
}

export function recipientValues(r: Partial<Recipient> | undefined): Record<string, Value> {
  if (!r) return {};
  const out: Record<string, Value> = {};
  const put = (path: string, value: string | undefined) => {
    if (value !== undefined) out[path] = value;
  };
  put("recipient.name", r.name);
  put("recipient.organisationNumber", r.organisationNumber);
  put("recipient.contactPerson", r.contactPerson);
  put("recipient.postalAddress.street", r.postalAddress?.street);
  put("recipient.postalAddress.postalCode", r.postalAddress?.postalCode);
  put("recipient.postalAddress.city", r.postalAddress?.city);
  put("recipient.phone", r.phone);
  put("recipient.fax", r.fax);
  put("recipient.email", r.email);
  return out;
}
