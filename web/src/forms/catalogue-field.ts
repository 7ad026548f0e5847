import { type CataloguedPath, fieldLabel } from "../../../shared/forms/field-catalogue.ts";
import { amountLabel } from "../form-kit/amount.ts";
import type { CheckboxDef, ChoiceDef, FieldDef, InputDef } from "../form-kit/types.ts";

/** A Bilaga 2 field without its label, which comes from the field catalogue by its path. */
type Unlabelled = (Omit<InputDef, "label"> | Omit<CheckboxDef, "label"> | Omit<ChoiceDef, "legend">) & {
  path: CataloguedPath;
};

/** The field with the catalogue's label (a choice's legend); an amount's label gets its unit. */
export function catalogueField(def: Unlabelled): FieldDef {
  const label = fieldLabel(def.path);
  if (def.kind === "radio") return { ...def, legend: label };
  if (def.kind === "amount") return { ...def, label: amountLabel(label) };
  return { ...def, label };
}

export function catalogueFields(defs: Unlabelled[]): FieldDef[] {
  return defs.map(catalogueField);
}
