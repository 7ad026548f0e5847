import type { Msg } from "../i18n.ts";

/** A form's fields, each bound to a dotted path of the API's JSON (e.g. recipient.email). */
export type Value = string | boolean;

interface BaseDef {
  path: string;
  hint?: Msg;
}
export interface InputDef extends BaseDef {
  kind: "text" | "email" | "tel" | "date" | "amount" | "textarea";
  label: Msg;
  autocomplete?: string;
  optional?: boolean;
  width?: "xs" | "s" | "m" | "l";
  /** Shown, sent and checked like any field, but not typed: its value is given (e.g. a recorded payment). */
  readonly?: boolean;
}
export interface ChoiceDef extends BaseDef {
  kind: "radio";
  legend: Msg;
  options: { value: string; label: Msg; hint?: Msg }[];
}
export interface CheckboxDef extends BaseDef {
  kind: "checkbox";
  label: Msg;
}
export interface SelectDef extends BaseDef {
  kind: "select";
  label: Msg;
  options: { value: string; label: string }[];
}
export type FieldDef = InputDef | ChoiceDef | CheckboxDef | SelectDef;

export type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
