import { describe, expect, it } from "vitest";
import { CODES } from "../../../shared/forms/codes.ts";
import { parseRequisition } from "../../../shared/forms/index.ts";
import { pastDate } from "../../../web/src/form-kit/simple-checks.ts";

/** One message per rule: the officer's payment forms word a date as the Bilaga 2 forms do. */
describe("date errors read the same on every page", () => {
  it("a malformed payment date gets the forms' INVALID_DATE message", () => {
    // Prepare: the form's own wording for a malformed signature date
    const form = parseRequisition({ signature: { date: "2022-13-01" } });
    const formError = form.ok ? undefined : form.errors.find((e) => e.path === "signature.date");

    // Act
    const paymentError = pastDate("paidOn", "2022-13-01");

    // Assess
    expect(formError?.code).toBe("INVALID_DATE");
    expect(paymentError).toEqual({ path: "paidOn", code: "INVALID_DATE", message: formError?.message });
  });

  it("a payment dated after today is refused with the shared DATE_IN_FUTURE wording", () => {
    // Act
    const error = pastDate("paidOn", "2999-01-01");

    // Assess
    expect(error?.code).toBe("DATE_IN_FUTURE");
    expect(error?.message.sv).toMatch(/^Datumet får inte vara senare än i dag \(\d{4}-\d{2}-\d{2}\)\.$/);
    expect(error?.message).toEqual(CODES.DATE_IN_FUTURE({ today: error?.message.sv.slice(-12, -2) ?? "" }));
  });
});
