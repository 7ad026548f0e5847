/** A municipality's entry in the contact register, as the API gives it. */
export interface ContactEntry {
  kommunkod: string;
  kommun: string;
  registryEmail?: string;
  contact?: { name: string; email: string };
  /** 212000-NNNN; where set, the municipality's forms must carry exactly this number. */
  organisationNumber?: string;
  updatedAt?: string;
  updatedBy?: { email?: string; kind: string };
}
