// Cell values for CSV and XLSX: formula injection neutralised, dates made real.
import type { ListCell, ListColumn } from "../../../api/plugin.ts";

/** Cells starting like a formula (OWASP's list) get a leading apostrophe, read as text. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A date column's value as a Date at UTC midnight (null when empty or not a date). */
export function asDate(value: ListCell): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** The text of a cell in CSV (UTC times as "YYYY-MM-DD HH:MM:SS"). */
export function csvText(value: ListCell, column: ListColumn): string {
  if (value === null || value === undefined) return "";
  if (column.type === "date") {
    const d = asDate(value);
    return d ? d.toISOString().slice(0, 10) : "";
  }
  if (value instanceof Date || column.type === "datetime") {
    const d = asDate(value);
    return d ? d.toISOString().slice(0, 19).replace("T", " ") : "";
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return neutralise(value);
}
