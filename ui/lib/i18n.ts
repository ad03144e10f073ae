// The UI's language: every visible string comes from a message catalog (messages/en.ts,
// messages/de.ts). The first choice is what the person picked before (kept in localStorage),
// then the browser's languages, then English. Components re-render through LocaleController.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { de } from "./messages/de.ts";
import { en, type MessageKey } from "./messages/en.ts";

export type { MessageKey };
export type Language = "en" | "de";
export const LANGUAGES: readonly Language[] = ["en", "de"];

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, de };
const STORAGE_KEY = "procedo.language";
const listeners = new Set<() => void>();
let current: Language = preferredLanguage(readStored(), globalThis.navigator?.languages ?? []);

/** The language to start in: the stored choice, else the first supported browser language. */
export function preferredLanguage(
  stored: string | null | undefined,
  browser: readonly string[],
): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return "en";
}

/**
 * The message `key` in the current language, with {name} placeholders filled in. With a
 * `count`, the catalog's form for that number is taken where it has one ("1 error": the key
 * with `.one` appended, chosen by Intl.PluralRules for the language), else `key` itself.
 */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalog = CATALOGS[current];
  let text = catalog[key] ?? en[key] ?? key;
  if (params.count !== undefined) {
    const form = `${key}.${pluralOf(params.count)}` as MessageKey;
    if (Object.hasOwn(catalog, form)) text = catalog[form];
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => name in params ? String(params[name]) : m);
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The plural category of a count ("one", "other"…); formatted counts are read back. */
export function pluralOf(count: string | number): Intl.LDMLPluralRule {
  const n = typeof count === "number" ? count : Number(String(count).replace(/[^\d-]/g, ""));
  let rules = pluralRules.get(current);
  if (!rules) pluralRules.set(current, rules = new Intl.PluralRules(LOCALES[current]));
  return rules.select(Number.isFinite(n) ? n : 0);
}

/** Whether a catalog has `key` (for keys built at run time, such as problem types). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function language(): Language {
  return current;
}

/** Switches the language, remembers the choice and re-renders every subscribed component. */
export function setLanguage(lang: Language) {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch { /* private mode: the choice lasts for this page only */ }
  applyToDocument();
  for (const fn of listeners) fn();
}

/**
 * Switches the language for this page only: nothing remembered, <html lang> untouched. For
 * the embeddable components (ui/embed.ts), whose host page owns both.
 */
export function useLanguage(lang: Language) {
  if (lang === current) return;
  current = lang;
  for (const fn of listeners) fn();
}

export function onLanguageChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Sets <html lang> and the page title's language. */
export function applyToDocument() {
  if (globalThis.document) document.documentElement.lang = current;
}

const LOCALES: Record<Language, string> = { en: "en-GB", de: "de-DE" };

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: "medium", timeStyle: "short" })
    .format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: "medium" }).format(new Date(iso));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(LOCALES[current]).format(n);
}

/** Re-renders its host when the language changes. */
export class LocaleController implements ReactiveController {
  #off?: () => void;
  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    this.#off = onLanguageChange(() => this.host.requestUpdate());
  }
  hostDisconnected() {
    this.#off?.();
  }
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
