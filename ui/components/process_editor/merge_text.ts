// Words for the merge dialog: the name of a merged or diffed field ("responsibilities:
// Responsible"), and a conflict's values in short form — texts quoted and cut, lists as a
// count, a deleted element as "deleted" — so two versions can be compared at a glance.
import { hasMessage, t } from "../../lib/i18n.ts";

const MAX = 60;

/** A merge or diff field name in the person's language. */
export function fieldLabel(field: string): string {
  const [head, sub] = field.split(".");
  if (head === "raci" && sub && hasMessage(`editor.raci.${sub}`)) {
    return `${t("editor.field.raci")}: ${t(`editor.raci.${sub}` as never)}`;
  }
  if (head === "links" && sub && hasMessage(`editor.links.${sub}`)) {
    return `${t("editor.field.links")}: ${t(`editor.links.${sub}` as never)}`;
  }
  const key = `editor.field.${head}`;
  return hasMessage(key) ? t(key) : field;
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
}

/** One side's value of a conflict, short enough for a radio button's label. */
export function conflictValue(field: string, value: unknown): string {
  if (field === "exists") {
    return t(value === undefined ? "editor.merge.deleted" : "editor.merge.kept");
  }
  if (field.startsWith("raci.") || field.startsWith("links.")) {
    const list = Array.isArray(value) ? value : [];
    return list.length ? t("editor.merge.items", { count: list.length }) : t("editor.merge.empty");
  }
  if (value === null || value === undefined || value === "") return t("editor.merge.empty");
  if (typeof value === "string") return `“${cut(value)}”`;
  if (typeof value === "number") return String(Math.round(value * 100) / 100);
  if (Array.isArray(value)) {
    const parts = value.filter((v) => v !== null && v !== undefined && v !== "");
    if (!parts.length) return t("editor.merge.empty");
    return cut(
      parts.map((v) => typeof v === "number" ? String(Math.round(v)) : String(v)).join(", "),
    );
  }
  return cut(JSON.stringify(value));
}
