// Failed calls in words a person understands, in their language. A problem document's
// `type` ends in a slug (…/problems/last-executive); the catalog has a message for the
// slugs a person can meet (problem.<slug>), otherwise the server's own `detail` is shown.
// Each explanation says what the person can do next: retry, reload or sign in again.
import { isApiProblem } from "./api/client.ts";
import { hasMessage, type MessageKey, t } from "./i18n.ts";

export type NextStep = "retry" | "reload" | "sign-in" | "none";

export interface Explanation {
  message: string;
  next: NextStep;
  /** Per field (body.name → message), for forms. */
  fields: Record<string, string>;
  status?: number;
  slug?: string;
  requestId?: string;
}

/** The slug of a problem type URI: https://procedo.app/problems/last-executive → last-executive. */
export function problemSlug(type: string): string {
  return type === "about:blank" ? "" : type.replace(/\/+$/, "").split("/").pop() ?? "";
}

/** Whether `e` is a failed call whose problem type ends in `slug`. */
export function isProblem(e: unknown, slug: string): boolean {
  return isApiProblem(e) && problemSlug(e.type) === slug;
}

/** Whether `e` means the request never got an answer (offline, server down, aborted). */
export function isNetworkFailure(e: unknown): boolean {
  return e instanceof TypeError || (e instanceof DOMException && e.name !== "AbortError");
}

export function explain(e: unknown): Explanation {
  if (isNetworkFailure(e)) return { message: t("problem.network"), next: "retry", fields: {} };
  if (!isApiProblem(e)) return { message: t("problem.unexpected"), next: "reload", fields: {} };
  const slug = problemSlug(e.type);
  const key = `problem.${slug}`;
  const message = slug && hasMessage(key)
    ? t(key)
    : e.detail ?? (hasMessage(`problem.status.${e.status}`)
      ? t(`problem.status.${e.status}` as never)
      : e.title);
  return {
    message,
    next: nextStep(e.status, slug),
    fields: Object.fromEntries(e.errors.map((f) => [f.field, fieldMessage(f)])),
    status: e.status,
    slug,
    requestId: e.requestId,
  };
}

/** What a field error says about a field; the API's stable codes make it a message in the
 * person's language, the server's (English) text stands in for codes the UI does not know. */
export interface FieldProblem {
  message: string;
  code?: string;
  params?: Record<string, string | number | string[]>;
}

const FORMATS: Record<string, MessageKey> = {
  email: "field.invalidEmail",
  uuid: "field.invalidId",
  guid: "field.invalidId",
  url: "field.invalidUrl",
  date: "field.invalidDate",
};

export function fieldMessage(f: FieldProblem): string {
  const p = f.params ?? {};
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  const max = num(p.maximum), min = num(p.minimum);
  const list = p.origin === "array" || p.origin === "set";
  const text = p.origin === "string";
  switch (f.code) {
    case "too_big":
      if (max === undefined) break;
      return t(text ? "field.tooLong" : list ? "field.tooMany" : "field.tooBig", { max });
    case "too_small":
      if (min === undefined) break;
      if (text && min === 1) return t("field.required");
      return t(text ? "field.tooShort" : list ? "field.tooFew" : "field.tooSmall", { min });
    case "invalid_type":
      // zod says what arrived; nothing at all is the common case of a missing field.
      return t(/received undefined$/.test(f.message) ? "field.required" : "field.invalidType");
    case "invalid_format": {
      // A pattern of the API's own ("regex") comes with its own words: they are kept.
      const key = FORMATS[String(p.format)];
      if (key) return t(key);
      break;
    }
    case "invalid_value":
      if (Array.isArray(p.values)) return t("field.invalidValue", { values: p.values.join(", ") });
      break;
    case "unrecognized_keys":
      return t("field.unknown");
  }
  return f.message;
}

function nextStep(status: number, slug: string): NextStep {
  if (status === 412) return "reload";
  if (status === 401 || slug === "invalid-token") return "sign-in";
  if (status === 429 || status >= 500) return "retry";
  return "none";
}

/** Processes that use an object (position, unit, document…), as a 409 "in-use" lists them. */
export interface UsedIn {
  processId: string;
  title: string;
  inPublished: boolean;
  inDraft: boolean;
}

/** The processes listed by a 409 "in-use", or undefined for any other error. */
export function usedIn(e: unknown): UsedIn[] | undefined {
  if (!isApiProblem(e) || e.status !== 409 || problemSlug(e.type) !== "in-use") return;
  const list = (e.problem as { usedIn?: UsedIn[] }).usedIn;
  return Array.isArray(list) ? list : [];
}

/** A row problem or warning of an import report (api/tabular/codes.ts has the codes). */
export interface ImportProblem {
  problem: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** What an import row problem says, in the person's language; the server's (English) words
 * stand in for codes the UI does not know and for params it cannot fill in. */
export function importProblemMessage(p: ImportProblem): string {
  const params = { ...p.params };
  let key = `importProblem.${p.code}`;
  if (p.code === "unknown-position" && params.key !== undefined) key += ".key";
  if (p.code === "empty-for-new") {
    const kind = `importProblem.kind.${params.kind}`;
    if (!hasMessage(kind)) return p.problem;
    params.kind = t(kind);
  }
  if (!p.code || !hasMessage(key)) return p.problem;
  const message = t(key, params);
  return /\{\w+\}/.test(message) ? p.problem : message;
}
