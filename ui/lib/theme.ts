// Light, dark or the system's choice, from Fluent's own token sets; the choice is kept in
// localStorage. Every colour in the UI is a Fluent token, so switching the token set is all
// a theme change takes.
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";

export type ThemeChoice = "light" | "dark" | "system";
export const THEME_CHOICES: readonly ThemeChoice[] = ["light", "dark", "system"];

const STORAGE_KEY = "procedo.theme";
const listeners = new Set<() => void>();
let choice: ThemeChoice = readStored();
const systemDark = globalThis.matchMedia?.("(prefers-color-scheme: dark)");

export function themeChoice(): ThemeChoice {
  return choice;
}

/** The scheme in effect: the choice, or the system's when the choice is "system". */
export function effectiveScheme(): "light" | "dark" {
  if (choice !== "system") return choice;
  return systemDark?.matches ? "dark" : "light";
}

export function setThemeChoice(next: ThemeChoice) {
  choice = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch { /* private mode: the choice lasts for this page only */ }
  applyTheme();
}

export function onThemeChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Applies the tokens of the effective scheme to the whole document. */
export function applyTheme() {
  const scheme = effectiveScheme();
  setTheme(scheme === "dark" ? webDarkTheme : webLightTheme);
  const root = document.documentElement;
  root.dataset.theme = scheme;
  root.style.colorScheme = scheme;
  for (const fn of listeners) fn();
}

systemDark?.addEventListener("change", () => {
  if (choice === "system") applyTheme();
});

function readStored(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return (THEME_CHOICES as readonly string[]).includes(v ?? "") ? v as ThemeChoice : "system";
  } catch {
    return "system";
  }
}
