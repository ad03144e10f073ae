// Field errors in the person's language: the API's stable codes and params become messages
// from the catalogs; codes the UI does not know keep the server's text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setLanguage } from "./i18n.ts";
import { fieldMessage, importProblemMessage } from "./problems.ts";

const tooLong = {
  message: "Too big: expected string to have <=200 characters",
  code: "too_big",
  params: { origin: "string", maximum: 200 },
};

test("a too long text, an empty required one, a bad e-mail, in English and German", () => {
  setLanguage("en");
  assert.equal(fieldMessage(tooLong), "At most 200 characters.");
  assert.equal(
    fieldMessage({ message: "x", code: "too_small", params: { origin: "string", minimum: 1 } }),
    "Required.",
  );
  assert.equal(
    fieldMessage({ message: "x", code: "invalid_format", params: { format: "email" } }),
    "Not a valid e-mail address.",
  );
  setLanguage("de");
  assert.equal(fieldMessage(tooLong), "Höchstens 200 Zeichen.");
  assert.equal(
    fieldMessage({ message: "x", code: "too_big", params: { origin: "array", maximum: 5 } }),
    "Höchstens 5 Einträge.",
  );
  assert.equal(
    fieldMessage({
      message: "Invalid input: expected string, received undefined",
      code: "invalid_type",
      params: { expected: "string" },
    }),
    "Pflichtfeld.",
  );
  assert.equal(
    fieldMessage({ message: "x", code: "invalid_value", params: { values: ["a", "b"] } }),
    "Erlaubt ist: a, b.",
  );
  setLanguage("en");
});

test("codes without what explains them, and a route's own codes, keep the server's words", () => {
  setLanguage("de");
  assert.equal(fieldMessage({ message: "is too big", code: "too_big" }), "is too big");
  assert.equal(
    fieldMessage({ message: "No such position in this organisation", code: "unknown-position" }),
    "No such position in this organisation",
  );
  assert.equal(fieldMessage({ message: "plain" }), "plain");
  const pattern = "must be an e-mail address like name@example.com";
  assert.equal(
    fieldMessage({ message: pattern, code: "invalid_format", params: { format: "regex" } }),
    pattern,
  );
  assert.equal(
    fieldMessage({ message: "x", code: "invalid_format", params: { format: "date" } }),
    "Ein Datum wie 2025-12-31.",
  );
  setLanguage("en");
});

test("import row problems by code, in English and German", () => {
  const tooLong = {
    code: "too-long",
    params: { length: 201, max: 200 },
    problem: "is 201 characters long; at most 200",
  };
  const newTitle = {
    code: "empty-for-new",
    params: { kind: "position", field: "title" },
    problem: "is empty; a new position needs a title",
  };
  const duplicate = { code: "duplicate-key", params: { row: 2 }, problem: '"K1" is also in row 2' };
  setLanguage("en");
  assert.equal(importProblemMessage(tooLong), "is 201 characters long; at most 200");
  assert.equal(importProblemMessage(newTitle), "is empty; a new position needs a title");
  assert.equal(importProblemMessage(duplicate), "is also in row 2");
  setLanguage("de");
  assert.equal(importProblemMessage(tooLong), "ist 201 Zeichen lang; höchstens 200");
  assert.equal(
    importProblemMessage(newTitle),
    "ist leer; eine neue Stelle braucht einen Wert für title",
  );
  assert.equal(importProblemMessage(duplicate), "steht auch in Zeile 2");
  assert.equal(
    importProblemMessage({ code: "unknown-position", params: { key: "P9" }, problem: "x" }),
    "nennt keine Stelle dieses Organigramms: „P9“",
  );
  assert.equal(
    importProblemMessage({ code: "unknown-column", problem: "unknown column, ignored" }),
    "unbekannte Spalte, ignoriert",
  );
  setLanguage("en");
});

test("import problems with unknown codes, kinds or missing params keep the server's words", () => {
  setLanguage("de");
  assert.equal(importProblemMessage({ code: "made-up", problem: "as sent" }), "as sent");
  assert.equal(importProblemMessage({ problem: "no code at all" }), "no code at all");
  assert.equal(
    importProblemMessage({ code: "too-long", problem: "is 9 characters long; at most 5" }),
    "is 9 characters long; at most 5",
  );
  assert.equal(
    importProblemMessage({
      code: "empty-for-new",
      params: { kind: "spaceship", field: "name" },
      problem: "is empty; a new spaceship needs a name",
    }),
    "is empty; a new spaceship needs a name",
  );
  setLanguage("en");
});
