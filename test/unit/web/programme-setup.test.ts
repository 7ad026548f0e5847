import { describe, expect, it } from "vitest";
import { metaErrors, metaOf } from "../../../web/src/programme-setup/meta-fields.ts";
import { NEXT_YEAR_META } from "../../fixtures/programmes/next-year.ts";

/** The set-up page's fields, as an officer fills them in for next year's programme. */
const VALUES = {
  "meta.id": "skr-aldreomsorg-2023",
  "meta.year": "2023",
  "meta.recipientKinds": "municipality",
  "meta.title": NEXT_YEAR_META.title,
  "meta.agreementTitle": "",
  "meta.grantingAgency": NEXT_YEAR_META.grantingAgency,
  "meta.receivingAgency": NEXT_YEAR_META.receivingAgency,
  "meta.totalBase": "167 100 000 kr",
  "meta.grantPeriod.from": "2023-01-01",
  "meta.grantPeriod.to": "2023-12-31",
  "meta.deadlines.requisition": "2023-12-01",
  "meta.deadlines.report": "",
  "meta.deadlines.repayment": "2024-03-31",
  "meta.survey.atRequisition": true,
  "meta.officerEmails": "a@kammarkollegiet.example, b@kammarkollegiet.example",
};

describe("the programme set-up page's metadata", () => {
  it("names both kinds when the grant goes to the municipalities and the regions", () => {
    // Act
    const meta = metaOf({ ...VALUES, "meta.recipientKinds": "municipality region" });
    // Assess
    expect(meta.recipientKinds).toEqual(["municipality", "region"]);
    expect(metaErrors(meta)).toEqual([]);
  });

  it("builds the metadata the API takes: kronor as a number, empty optional fields as null, addresses as a list", () => {
    // Act
    const meta = metaOf(VALUES);
    // Assess
    expect(meta).toMatchObject({
      year: 2023,
      recipientKinds: ["municipality"],
      totalBase: 167_100_000,
      agreementTitle: null,
      deadlines: { requisition: "2023-12-01", report: null, repayment: "2024-03-31" },
      survey: { atRequisition: true },
      officerEmails: ["a@kammarkollegiet.example", "b@kammarkollegiet.example"],
    });
    expect(metaErrors(meta)).toEqual([]);
  });

  it("names each wrong field at its meta.* path with the shared schema's codes", () => {
    // Prepare
    const meta = metaOf({
      ...VALUES,
      "meta.id": "Äldre 2023",
      "meta.grantPeriod.to": "",
      "meta.officerEmails": "",
    });
    // Act
    const errors = metaErrors(meta).map((e) => `${e.path}:${e.code}`);
    // Assess
    expect(errors).toEqual(
      expect.arrayContaining([
        "meta.id:INVALID_VALUE",
        "meta.grantPeriod.to:INVALID_VALUE",
        "meta.officerEmails:REQUIRED",
      ]),
    );
  });
});
