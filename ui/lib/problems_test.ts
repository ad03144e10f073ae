// Field errors in the person's language: the API's stable codes and params become messages
// from the catalogs; codes the UI does not know keep the server's text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setLanguage } from "./i18n.ts";
import { fieldMessage } from "./problems.ts";

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
