// Text that is not Unicode is refused with 400 naming the field, before anything is stored;
// an unexpected error is logged with its request id, route and class, never with the body.
import assert from "node:assert/strict";
import { createRoute, z } from "@hono/zod-openapi";
import { createLogger } from "../log.ts";
import type { ProcedoPlugin } from "../plugin.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { createProcess, fixtureGraph } from "../../tests/support/route_fixtures.ts";
import { malformedTextAt } from "./well_formed_json.ts";

const lines: string[] = [];
const SECRET = "Confidential-Body-Text";

/** A route that fails the way a failed query does: its message quotes what was sent. */
const failing: ProcedoPlugin = {
  name: "failing",
  permissions: { "failing.write": "reader" },
  routes(app) {
    app.openapi(
      createRoute({
        method: "post",
        path: "/",
        "x-permission": "failing.write",
        request: {
          body: { content: { "application/json": { schema: z.object({ text: z.string() }) } } },
        },
        responses: { 204: { description: "never" } },
      }),
      (c) => {
        const cause = Object.assign(
          new Error(`Incorrect string value: '${c.req.valid("json").text}'`),
          {
            code: "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD",
            errno: 1366,
          },
        );
        throw new Error(
          `Failed query: insert into x values (?) params: ${c.req.valid("json").text}`,
          {
            cause,
          },
        );
      },
    );
  },
};

const t = await startTestApp({
  plugins: [...defaultPlugins, failing],
  logger: createLogger("info", (line) => lines.push(line)),
});
const modeler = await t.token("modeler");
const raw = (path: string, body: string, method = "POST", headers: Record<string, string> = {}) =>
  t.call(method, path, {
    token: modeler,
    body,
    headers: { "content-type": "application/json", ...headers },
  });

async function expectInvalid(res: Response, field: string) {
  assert.equal(res.status, 400, await res.clone().text());
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/invalid-unicode");
  assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), [field]);
  assert.equal(problem.errors[0].code, "invalid_unicode");
}

test("a lone surrogate in a tag's name is a 400 naming body.name, and no tag is stored", async () => {
  await expectInvalid(await raw("/api/v1/tags", '{"name":"Qual\\ud800ity"}'), "body.name");
  const list = await (await t.call("GET", "/api/v1/tags?q=Qual&limit=200", { token: modeler }))
    .json();
  assert.ok(!list.items.some((x: { name: string }) => x.name.startsWith("Qual")));
});

test("a lone surrogate deep in a draft names the node's field; the draft is unchanged", async () => {
  const id = await createProcess(t, 0);
  const before = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .text();
  const graph = fixtureGraph();
  const body = JSON.stringify(graph).replace('"label":"Work"', '"label":"Wo\\udc00rk"');
  await expectInvalid(
    await raw(`/api/v1/processes/${id}/draft`, body, "PUT", { "if-match": "*" }),
    "body.nodes.1.label",
  );
  const after = await (await t.call("GET", `/api/v1/processes/${id}/draft`, { token: modeler }))
    .text();
  assert.equal(after, before);
});

test("a lone surrogate in a key, and well-formed text of every plane, are told apart", () => {
  assert.deepEqual(malformedTextAt(JSON.parse('{"a":{"b\\ud83d":1}}')), ["a", "b\ufffd"]);
  assert.equal(malformedTextAt({ s: "Grüße ✓ 😀 \u202e مرحبا" }), undefined);
  assert.deepEqual(malformedTextAt(["ok", ["\udfff"]]), ["1", "0"]);
});

test("an unexpected error answers 500 with the request id; the log has route and class, no body", async () => {
  const res = await raw("/api/v1/failing", JSON.stringify({ text: SECRET }));
  assert.equal(res.status, 500);
  const problem = await res.json();
  assert.ok(!JSON.stringify(problem).includes(SECRET));
  const logged = lines.filter((l) =>
    l.includes(problem.requestId) && l.includes('"msg":"unhandled error"')
  );
  assert.equal(logged.length, 1, lines.join("\n"));
  const entry = JSON.parse(logged[0]);
  assert.equal(entry.msg, "unhandled error");
  assert.equal(entry.route, "/api/v1/failing");
  assert.equal(entry.method, "POST");
  assert.equal(entry.errorClass, "Error");
  assert.equal(entry.causes[0].code, "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD");
  assert.ok(entry.frames.length > 0);
  assert.ok(!lines.some((l) => l.includes(SECRET)), "no log line holds the body");
});

test("close", async () => {
  await t.close();
});
