// Field errors of a problem document next to the fields of a form. What no shown field
// explains stays for the problem bar, so nothing the API said is lost.
import { html, nothing } from "lit";
import { isApiProblem } from "../lib/api/client.ts";
import { explain } from "../lib/problems.ts";

export interface FormErrors {
  /** "body.email" → message, for the fields the form shows. */
  fields: Record<string, string>;
  /** The error for the problem bar, or undefined when the fields say it all. */
  rest: unknown;
}

/** Splits `error` into messages for the form's `shown` fields and the rest. */
export function formErrors(error: unknown, shown: readonly string[]): FormErrors {
  if (error === undefined || error === null) return { fields: {}, rest: undefined };
  const all = explain(error).fields;
  const fields = Object.fromEntries(Object.entries(all).filter(([f]) => shown.includes(f)));
  const covered = isApiProblem(error) && error.errors.length > 0 &&
    error.errors.every((e) => shown.includes(e.field));
  return { fields, rest: covered ? undefined : error };
}

/** A field's message under it (announced as it appears). */
export function fieldError(message: string | undefined) {
  return message
    ? html`<span class="field-error" role="alert" data-field-error>${message}</span>`
    : nothing;
}
