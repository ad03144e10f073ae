// No personal data leaves: what a provider receives is built from process structure, and
// every piece of free text in it passes through a Redactor first. The Redactor knows the
// tenant's personal values from the plugin list itself — every column any installed plugin
// declares in `personalData` (short text columns: names, e-mail addresses, phone numbers,
// keys) plus the users' display names — and replaces them, and any e-mail address, phone
// number or IBAN, by placeholders such as [PERSON_1]. The placeholders go back to what they
// stood for in the answer, where a person reads it.
import { getTableColumns } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import type { TenantScope, TenantTable } from "../../api/db/tenant_scope.ts";
import { type ProcedoPlugin, tableName } from "../../api/plugin.ts";
import { corePersonalData, users } from "../../schema/core.ts";

export type PlaceholderKind = "PERSON" | "EMAIL" | "PHONE" | "IBAN";

/** Values shorter than this are not searched for (they would match inside ordinary words). */
const MIN_TERM = 3;
/** Name parts that are ordinary words in German, Dutch, French…: never searched alone. */
const PARTICLES = new Set([
  "von",
  "van",
  "der",
  "den",
  "dem",
  "des",
  "de",
  "da",
  "di",
  "del",
  "la",
  "le",
  "zu",
  "zum",
  "zur",
  "ten",
  "ter",
  "dos",
  "das",
  "du",
  "und",
  "and",
]);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
// International (+49 …, 0049 …) or national (030 …) numbers; at least 7 digits in all.
const PHONE = /(?:\+|\b00|\(0|\b0)\d[\d ()/.-]{5,}\d/g;

/** Every table column marked as personal data by the installed plugins ("table.column"). */
export function personalColumns(plugins: readonly ProcedoPlugin[]): Set<string> {
  const out = new Set<string>();
  for (const p of [{ personalData: corePersonalData }, ...plugins]) {
    for (const [table, columns] of Object.entries(p.personalData ?? {})) {
      for (const c of columns) out.add(`${table}.${c}`);
    }
  }
  return out;
}

/**
 * The tenant's personal values to hide: the short text columns every plugin declares in
 * `personalData`, read from its own tables, and the users' display names.
 */
export async function personalTerms(
  scope: TenantScope,
  plugins: readonly ProcedoPlugin[],
): Promise<PersonalTerms> {
  const terms = new Set<string>();
  const names = new Set<string>();
  const addAll = (values: unknown[], isName: boolean) => {
    for (const v of values) {
      if (typeof v !== "string" || !v.trim()) continue;
      terms.add(v.trim());
      if (isName) names.add(v.trim());
    }
  };
  for (const p of plugins) {
    for (const [name, columns] of Object.entries(p.personalData ?? {})) {
      const table = Object.values(p.tables ?? {}).find((t) => tableName(t) === name);
      if (!table || !columns.length) continue;
      const textColumns = Object.entries(getTableColumns(table as MySqlTable))
        .filter(([_, c]) => columns.includes(c.name) && /VarChar|Char|Text/i.test(c.columnType));
      if (!textColumns.length || !("tenantId" in table)) continue;
      const rows = await scope.select(table as TenantTable, {});
      for (const row of rows as Record<string, unknown>[]) {
        for (const [key, column] of textColumns) addAll([row[key]], /name/i.test(column.name));
      }
    }
  }
  addAll((await scope.select(users)).map((u) => u.displayName), true);
  return { terms: [...terms], names: [...names] };
}

/** Personal values, and of them the names (whose first and last names are hidden alone too). */
export interface PersonalTerms {
  terms: string[];
  names: string[];
}

/** Replaces personal values by numbered placeholders and puts them back in answers. */
export class Redactor {
  readonly #byPlaceholder = new Map<string, string>();
  readonly #byValue = new Map<string, string>();
  readonly #counts: Record<PlaceholderKind, number> = { PERSON: 0, EMAIL: 0, PHONE: 0, IBAN: 0 };
  readonly #terms: RegExp | null;
  readonly #parts: RegExp | null;

  constructor(personal: PersonalTerms = { terms: [], names: [] }) {
    const full = [...new Set(personal.terms.filter((t) => t.length >= MIN_TERM))]
      .sort((a, b) => b.length - a.length);
    this.#terms = full.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${full.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "giu")
      : null;
    // Parts of names (first and last names) are found on their own too, when written with a
    // capital letter, as names are; names are the values of columns called *name*.
    const parts = new Set<string>();
    for (const t of personal.names) {
      if (!/\s/.test(t) || t.includes("@")) continue;
      for (const w of t.split(/\s+/)) {
        if (w.length >= MIN_TERM && /^\p{Lu}/u.test(w) && !PARTICLES.has(w.toLowerCase())) {
          parts.add(w);
        }
      }
    }
    this.#parts = parts.size
      ? new RegExp(
        `(?<![\\p{L}\\p{N}])(?:${
          [...parts].sort((a, b) => b.length - a.length).map(escape).join("|")
        })(?![\\p{L}\\p{N}])`,
        "gu",
      )
      : null;
  }

  /** `text` with every personal value replaced by its placeholder. */
  scrub(text: string): string {
    if (!text) return text;
    let s = text.replace(EMAIL, (m) => this.#placeholder("EMAIL", m));
    s = s.replace(IBAN, (m) => this.#placeholder("IBAN", m));
    s = s.replace(PHONE, (m) => digits(m) >= 7 ? this.#placeholder("PHONE", m) : m);
    if (this.#terms) s = s.replace(this.#terms, (m) => this.#placeholder("PERSON", m));
    if (this.#parts) s = s.replace(this.#parts, (m) => this.#placeholder("PERSON", m));
    return s;
  }

  /** `text` with the placeholders put back (unknown ones are left as they are). */
  restore(text: string): string {
    return text.replace(
      /\[(PERSON|EMAIL|PHONE|IBAN)_(\d+)\]/g,
      (m) => this.#byPlaceholder.get(m) ?? m,
    );
  }

  /** Every string in `value` restored, recursively. */
  restoreDeep<T>(value: T): T {
    if (typeof value === "string") return this.restore(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.restoreDeep(v)) as T;
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, this.restoreDeep(v)]),
      ) as T;
    }
    return value;
  }

  /** How many values of each kind were replaced (for the preview). */
  get counts(): Record<PlaceholderKind, number> {
    return { ...this.#counts };
  }

  #placeholder(kind: PlaceholderKind, value: string): string {
    const key = `${kind}:${value.toLowerCase()}`;
    const known = this.#byValue.get(key);
    if (known) return known;
    const placeholder = `[${kind}_${++this.#counts[kind]}]`;
    this.#byValue.set(key, placeholder);
    this.#byPlaceholder.set(placeholder, value);
    return placeholder;
  }
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function digits(s: string) {
  return s.replace(/\D/g, "").length;
}
