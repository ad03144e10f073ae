// A kind's fields as form controls and as read-only details, from its spec: text and URL
// inputs, a text area, a date input and the owner position picker (search as you type).
// Field errors from the problem document appear under their field.
import { html, nothing } from "lit";
import type { TextArea, TextInput } from "@fluentui/web-components";
import { unwrap } from "../../../lib/api/client.ts";
import { formatDate, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { fieldError } from "../../../components/form_errors.ts";
import "../processes/list_picker.ts";
import type { PickerSearch, ProcedoListPicker } from "../processes/list_picker.ts";
import { expiredMarker, ownerText } from "./cells.ts";
import { type FieldSpec, type KindSpec, type Resource, valueOf } from "./kinds.ts";
import type { ResourceBody } from "./resource_api.ts";

/** Every kind also has the external key imports match on. */
const EXTERNAL_KEY: FieldSpec = {
  name: "externalKey",
  type: "text",
  label: "resources.field.externalKey",
  max: 100,
};
const POSITIONS_SHOWN = 20;

/** The fields a form of `spec` shows, external key last. */
export const formFields = (spec: KindSpec) => [...spec.fields, EXTERNAL_KEY];

/** The problem-document field names of a form of `spec` ("body.title"…). */
export const errorFields = (spec: KindSpec) => formFields(spec).map((f) => `body.${f.name}`);

const searchPositions: PickerSearch = async (q, signal) => {
  const page = unwrap(
    await session().api.GET("/api/v1/orgchart/positions", {
      params: { query: { q: q || undefined, limit: POSITIONS_SHOWN } },
      signal,
    }),
  );
  return page.items.map((p) => ({
    id: p.id,
    label: p.title,
    detail: p.holders.map((h) => h.name).join(", ") || undefined,
  }));
};

/** The controls of a form of `spec`; `errors` by "body.<field>", `missing` required fields. */
export function fieldControls(
  spec: KindSpec,
  errors: Record<string, string>,
  missing: ReadonlySet<string>,
) {
  return formFields(spec).map((f, i) => {
    const error = missing.has(f.name) ? t("form.required") : errors[`body.${f.name}`];
    return control(f, error, i === 0);
  });
}

function control(f: FieldSpec, error: string | undefined, first: boolean) {
  const label = t(f.label);
  switch (f.type) {
    case "longText":
      return html`
        <div class="control">
          <fluent-textarea name=${f.name} maxlength=${f.max ?? nothing} resize="vertical" block
            ?required=${f.required}><span slot="label">${label}</span></fluent-textarea>
          ${fieldError(error)}
        </div>
      `;
    case "date":
      return html`
        <label class="control">
          <span>${label}</span>
          <input class="native" type="date" name=${f.name}>
          ${fieldError(error)}
        </label>
      `;
    case "position":
      return html`
        <procedo-list-picker name=${f.name} label=${label} .search=${searchPositions}
          error=${error ?? ""}></procedo-list-picker>
      `;
    default:
      return html`
        <div class="control">
          <fluent-text-input name=${f.name} type=${f.type === "url" ? "url" : "text"}
            maxlength=${f.max ?? nothing} ?required=${f.required} ?autofocus=${first}>
            ${label}
          </fluent-text-input>
          ${f.type === "url"
            ? html`<span class="hint">${t("resources.field.urlHint")}</span>`
            : nothing}
          ${fieldError(error)}
        </div>
      `;
  }
}

type Control = TextInput | TextArea | HTMLInputElement;

/** Puts the values of `r` (or nothing, for a new one) into the form's controls. */
export function fillFields(root: ParentNode, spec: KindSpec, r: Resource | undefined) {
  for (const f of formFields(spec)) {
    const value = r ? valueOf(r, f.name) : null;
    if (f.type === "position") {
      const picker = root.querySelector<ProcedoListPicker>(`procedo-list-picker[name=${f.name}]`);
      picker?.set(value && r ? { id: value, label: ownerText(r) } : null);
      continue;
    }
    const el = root.querySelector<Control>(`[name=${f.name}]`);
    if (el) el.value = value ?? "";
  }
}

/** The form's values: trimmed text, null for an empty optional field. */
export function readFields(root: ParentNode, spec: KindSpec): ResourceBody {
  const body: ResourceBody = {};
  for (const f of formFields(spec)) {
    const raw = f.type === "position"
      ? root.querySelector<ProcedoListPicker>(`procedo-list-picker[name=${f.name}]`)?.value
      : root.querySelector<Control>(`[name=${f.name}]`)?.value;
    const value = (raw ?? "").trim();
    body[f.name] = value === "" && !f.required ? null : value;
  }
  return body;
}

/** The required fields left empty in `body`. */
export function missingFields(spec: KindSpec, body: ResourceBody): Set<string> {
  return new Set(spec.fields.filter((f) => f.required && !body[f.name]).map((f) => f.name));
}

/** `r`'s values as a list of label and value, for those who may not change it. */
export function detailList(spec: KindSpec, r: Resource) {
  return html`
    <dl>
      ${formFields(spec).map((f) => {
        const value = valueOf(r, f.name);
        if (!value && !f.required) return nothing;
        return html`
          <dt>${t(f.label)}</dt>
          <dd class=${f.type === "longText" ? "long" : ""}>${detailValue(f, value, r)}</dd>
        `;
      })}
    </dl>
  `;
}

function detailValue(f: FieldSpec, value: string | null, r: Resource) {
  switch (f.type) {
    case "url":
      return html`<a href=${value ?? ""} target="_blank" rel="noopener noreferrer">${value}</a>`;
    case "date":
      return html`${formatDate(value)} ${expiredMarker(value)}`;
    case "position":
      return ownerText(r);
    default:
      return value ?? "—";
  }
}
