/** A municipality's entry in the contact register, as the API gives it. */
export interface ContactEntry {
  kommunkod: string;
  kommun: string;
  registryEmail?: string;
  contact?: { name: string; email: string };
  updatedAt?: string;
  updatedBy?: { email?: string; kind: string };
}
