// Errors and HTTP hygiene across the core: every error is problem+json with a request id,
// bad input never reaches a table, and responses carry the security headers.
import assert from "node:assert/strict";
import { tags } from "../plugins/tags/schema.ts";
import { startTestApp, test } from "./support/app.ts";

const t = await startTestApp({
  env: { BODY_LIMIT_BYTES: "2048", CORS_ORIGINS: "https://intranet.example.com" },
});
const modeler = await t.token("modeler");

async function expectProblem(res: Response, status: number, slug?: string) {
  assert.equal(res.status, status, await res.clone().text());
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const body = await res.json();
  assert.equal(body.status, status);
  assert.ok(body.type.startsWith("https://procedo.app/problems/"));
  if (slug) assert.equal(body.type, `https://procedo.app/problems/${slug}`);
  assert.ok(body.title);
  assert.equal(body.requestId, res.headers.get("x-request-id"));
  assert.ok(!JSON.stringify(body).includes("    at "), "no stack trace leaves the server");
  return body;
}

async function tagCount() {
  return (await t.database.db.select().from(tags)).length;
}

test("every response carries a request id, and a safe incoming one is kept", async () => {
  const res = await t.call("GET", "/health/live");
  assert.match(res.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
  const echoed = await t.call("GET", "/health/live", {
    headers: { "x-request-id": "trace-abc-123" },
  });
  assert.equal(echoed.headers.get("x-request-id"), "trace-abc-123");
  const unsafe = await t.call("GET", "/health/live", {
    headers: { "x-request-id": "bad id\twith spaces" },
  });
  assert.notEqual(unsafe.headers.get("x-request-id"), "bad id\twith spaces");
});

test("an unknown route is a 404 problem", async () => {
  await expectProblem(await t.call("GET", "/api/v1/nothing-here"), 404, "not-found");
});

test("a known path with the wrong method is a 405 problem with Allow", async () => {
  const res = await t.call("PUT", "/api/v1/tags", { token: modeler, body: {} });
  await expectProblem(res, 405, "method-not-allowed");
  assert.match(res.headers.get("allow")!, /GET/);
  assert.match(res.headers.get("allow")!, /POST/);
});

test("no credential is a 401 problem with WWW-Authenticate; a forged token too", async () => {
  const res = await t.call("GET", "/api/v1/tags");
  await expectProblem(res, 401);
  assert.match(res.headers.get("www-authenticate")!, /^Bearer/);
  const forged = modeler.slice(0, -4) + (modeler.endsWith("AAAA") ? "BBBB" : "AAAA");
  await expectProblem(await t.call("GET", "/api/v1/tags", { token: forged }), 401, "invalid-token");
});

test("malformed JSON is a 400 problem and changes nothing", async () => {
  const before = await tagCount();
  const res = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: '{"name": "half',
    headers: { "content-type": "application/json" },
  });
  await expectProblem(res, 400, "malformed-json");
  assert.equal(await tagCount(), before);
});

test("a wrong content type is a 415 problem", async () => {
  const res = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: "name=x",
    headers: { "content-type": "text/plain" },
  });
  await expectProblem(res, 415, "unsupported-media-type");
  const none = await t.call("POST", "/api/v1/tags", { token: modeler, body: '{"name":"x"}' });
  await expectProblem(none, 415);
});

test("an oversized body is a 413 problem and changes nothing", async () => {
  const before = await tagCount();
  const res = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: { name: "big", description: "x".repeat(4000) },
  });
  await expectProblem(res, 413, "payload-too-large");
  assert.equal(await tagCount(), before);
});

test("validation errors list every field at once", async () => {
  const res = await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: { name: "", color: "red", surprise: 1 },
  });
  const body = await expectProblem(res, 422, "validation-failed");
  const fields = body.errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.color", "body.name", "body.surprise"]);
  assert.ok(body.errors.every((e: { message: string }) => e.message.length > 0));
  // Stable codes with what explains them, so clients can say it in their own language.
  const by = Object.fromEntries(body.errors.map((e: { field: string }) => [e.field, e]));
  assert.equal(by["body.name"].code, "too_small");
  assert.deepEqual(by["body.name"].params, { origin: "string", minimum: 1 });
  assert.equal(by["body.surprise"].code, "unrecognized_keys");
  assert.ok(by["body.color"].code);
});

test("an unknown query parameter value is a 422 naming the parameter", async () => {
  const res = await t.call("GET", "/api/v1/tags?sort=colour&limit=5000", { token: modeler });
  const body = await expectProblem(res, 422);
  const fields = body.errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["query.limit", "query.sort"]);
});

test("a malformed id in the path is a 422 naming path.id", async () => {
  const body = await expectProblem(
    await t.call("GET", "/api/v1/tags/not-a-uuid", { token: modeler }),
    422,
  );
  assert.equal(body.errors[0].field, "path.id");
});

test("security headers are set on API and page responses", async () => {
  // JSON is data: the strict policy, no document headers.
  for (const path of ["/health/live", "/api/openapi.json", "/api/v1/nowhere"]) {
    const res = await t.call("GET", path);
    await res.body?.cancel();
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(
      res.headers.get("content-security-policy"),
      "default-src 'none'; frame-ancestors 'none'",
      path,
    );
    assert.equal(res.headers.get("permissions-policy"), null, path);
    assert.equal(res.headers.get("strict-transport-security"), null, "no HSTS over plain http");
  }
  // A page (the docs page is HTML) gets the document policy that SharePoint may frame.
  const page = await t.call("GET", "/api/docs");
  assert.match(page.headers.get("content-type")!, /^text\/html/);
  await page.body?.cancel();
  assert.equal(page.headers.get("x-content-type-options"), "nosniff");
  const csp = page.headers.get("content-security-policy")!;
  assert.match(csp, /frame-ancestors 'self' https:\/\/\*\.sharepoint\.com/);
  assert.match(csp, /default-src 'self'/);
  assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  assert.match(page.headers.get("permissions-policy")!, /camera=\(\)/);
  const https = await t.app.request("https://procedo.example/health/live");
  assert.match(https.headers.get("strict-transport-security")!, /max-age=\d+/);
});

test("CORS answers configured origins only", async () => {
  const ok = await t.call("OPTIONS", "/api/v1/tags", {
    headers: { origin: "https://intranet.example.com", "access-control-request-method": "POST" },
  });
  assert.equal(ok.headers.get("access-control-allow-origin"), "https://intranet.example.com");
  const other = await t.call("OPTIONS", "/api/v1/tags", {
    headers: { origin: "https://evil.example.com", "access-control-request-method": "POST" },
  });
  assert.notEqual(other.headers.get("access-control-allow-origin"), "https://evil.example.com");
});

test("an unexpected error is a 500 problem without internals", async () => {
  const { createApp } = await import("../api/app.ts");
  const { loadConfig } = await import("../api/config.ts");
  const app = await createApp({
    config: loadConfig({ LOG_LEVEL: "silent" }),
    db: t.database.db,
    cache: t.cache,
    plugins: [{
      name: "boom",
      permissions: { "boom.read": "reader" },
      routes: (sub) => {
        sub.openapi(
          {
            method: "get",
            path: "/",
            "x-permission": "boom.read",
            responses: { 200: { description: "never" } },
          } as never,
          () => {
            throw new Error("secret internal detail at db.ts:42");
          },
        );
      },
    }],
    devIssuer: t.issuer,
  });
  const res = await app.request("/api/v1/boom", {
    headers: { authorization: `Bearer ${modeler}` },
  });
  const body = await expectProblem(res, 500, "internal");
  assert.ok(!JSON.stringify(body).includes("secret internal detail"));
});

test("close", async () => {
  await t.close();
});
