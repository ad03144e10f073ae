// A failed save in the person's language: every kind of failure has its own message in
// English and German that says the work is kept, never the server's technical words; and
// the kind decides how the editor goes on (renew the sign-in, try again later, or wait).
import assert from "node:assert/strict";
import { ApiProblem } from "../../lib/api/client.ts";
import { setLanguage, t } from "../../lib/i18n.ts";
import { saveFailureKind, saveFailureMessage } from "./save_failure.ts";

const problem = (status: number, slug: string, detail: string) =>
  new ApiProblem({ type: `https://procedo.app/problems/${slug}`, title: slug, status, detail });

const FAILURES = [
  problem(401, "invalid-token", 'Access token refused: "exp" claim timestamp check failed'),
  problem(401, "unauthorized", "Send an access token as Authorization: Bearer …"),
  problem(403, "role-required", '"processes.edit" needs the role modeler; you are reader.'),
  problem(404, "not-found", "process 0194… not found"),
  problem(409, "draft-in-review", "The draft is in review"),
  problem(413, "payload-too-large", "Body larger than 2097152 bytes"),
  problem(422, "validation-failed", "body.nodes: Too big: expected array to have <=2000 items"),
  problem(429, "too-many-requests", "Rate limit exceeded"),
  problem(503, "unavailable", "database: connect ECONNREFUSED 127.0.0.1:3306"),
  new TypeError("Failed to fetch"),
  new Error("Cannot read properties of undefined (reading 'graph')"),
];

Deno.test("each failure has a kind that says how the editor goes on", () => {
  assert.deepEqual(FAILURES.map(saveFailureKind), [
    "sign-in",
    "sign-in",
    "refused",
    "refused",
    "refused",
    "refused",
    "refused",
    "busy",
    "busy",
    "network",
    "refused",
  ]);
});

Deno.test("failure messages come from the catalogs in English and German, never the server's words", () => {
  for (const lang of ["en", "de"] as const) {
    setLanguage(lang);
    for (const e of FAILURES) {
      const text = t(saveFailureMessage(e));
      assert.ok(!text.startsWith("editor."), `${lang}: ${text} is a key, not a message`);
      const detail = e instanceof ApiProblem ? e.detail! : e.message;
      assert.ok(!text.includes(detail), `${lang}: ${text}`);
      assert.match(
        text,
        lang === "en" ? /kept on this device/ : /auf diesem Gerät erhalten/,
        `${lang}: a failed save says the work is kept (${text})`,
      );
    }
  }
  setLanguage("de");
  assert.equal(
    t(saveFailureMessage(FAILURES[2])),
    "Sie dürfen diesen Prozess nicht mehr ändern. Ihre Änderungen bleiben auf diesem Gerät erhalten.",
  );
  setLanguage("en");
});
