// The message catalogs: German and English say the same things — same keys, no empty text,
// the same {placeholders} — and every key the UI names in its code exists.
import assert from "node:assert/strict";
import { preferredLanguage } from "../i18n.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

Deno.test("both catalogs have the same keys and no empty strings", () => {
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  for (const [lang, catalog] of Object.entries({ en, de })) {
    for (const [key, text] of Object.entries(catalog)) {
      assert.ok(text.trim().length > 0, `${lang}: ${key} is empty`);
    }
  }
});

Deno.test("a translation keeps the placeholders of the English text", () => {
  for (const [key, text] of Object.entries(en)) {
    assert.deepEqual(placeholders(de[key as keyof typeof en]), placeholders(text), key);
  }
});

Deno.test("every message key named in the UI's code exists", async () => {
  const root = new URL("../../", import.meta.url);
  const missing: string[] = [];
  for await (const file of walk(root)) {
    const source = await Deno.readTextFile(file);
    for (const m of source.matchAll(/\bt\("([\w.-]+)"/g)) {
      if (!(m[1] in en)) missing.push(`${file.pathname.split("/ui/")[1]}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

Deno.test("the language comes from the stored choice, then the browser, then English", () => {
  assert.equal(preferredLanguage(null, ["de-AT", "en-US"]), "de");
  assert.equal(preferredLanguage(null, ["fr-FR", "en-GB"]), "en");
  assert.equal(preferredLanguage("en", ["de-DE"]), "en");
  assert.equal(preferredLanguage("xx", ["fr"]), "en");
});

async function* walk(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name === "dist" || entry.name.startsWith(".")) continue;
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* walk(url);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) yield url;
  }
}

Deno.test("counts take the singular where the language has one: 1 error, 2 errors", async () => {
  const { setLanguage, t } = await import("../i18n.ts");
  setLanguage("en");
  assert.equal(t("findings.errors", { count: 1 }), "1 error");
  assert.equal(t("findings.errors", { count: 2 }), "2 errors");
  assert.equal(t("findings.warnings", { count: 0 }), "0 warnings");
  assert.equal(t("processes.map.searchResults", { count: "1", q: "x" }), "1 result for “x”");
  assert.equal(t("processes.map.total", { count: "1,234" }), "1,234 processes");
  setLanguage("de");
  assert.equal(t("findings.warnings", { count: 1 }), "1 Warnung");
  assert.equal(t("findings.warnings", { count: 3 }), "3 Warnungen");
  assert.equal(t("processes.map.total", { count: "1" }), "1 Prozess");
  setLanguage("en");
});

Deno.test("every singular form has its plural message", () => {
  const singles = Object.keys(en).filter((k) => /\.(one|two|few|many|zero)$/.test(k));
  assert.ok(singles.length >= 10);
  for (const k of singles) assert.ok(k.replace(/\.\w+$/, "") in en, k);
});
