// Embedding settings and cross-origin access through the HTTP API: executives keep the list
// of allowed origins (validated, If-Match, audited, people only); a preflight is answered for
// origins on any workspace's list; a request is answered for a site only when the caller's
// workspace allows it (else 403 origin-not-allowed, no data), also when the answer comes
// from the response cache; framing follows the list of the workspace the address names.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";

const t = await startTestApp({
  env: { CORS_ORIGINS: "https://operator-wide.example" },
  fallback: (c) => {
    const path = new URL(c.req.url).pathname;
    if (path.endsWith(".js")) {
      return new Response("export {};", { headers: { "content-type": "text/javascript" } });
    }
    return c.html("<!doctype html><title>shell</title>");
  },
});
const executive = await t.token("executive");
const otherExecutive = await t.token("executive", 1);
const reader = await t.token("reader");
const otherReader = await t.token("reader", 1);

const A_SITE = "https://intranet.contoso.example";
const A_SITE_2 = "https://contoso.sharepoint.example";
const B_SITE = "https://intranet.fabrikam.example";
const NOWHERE = "https://evil.example";

async function settings(token: string) {
  const res = await t.call("GET", "/api/v1/embedding/settings", { token });
  assert.equal(res.status, 200, await res.clone().text());
  return { etag: res.headers.get("etag")!, body: await res.json() };
}

async function save(token: string, allowedOrigins: unknown, ifMatch?: string) {
  const etag = ifMatch ?? (await settings(token)).etag;
  return await t.call("PUT", "/api/v1/embedding/settings", {
    token,
    body: { allowedOrigins },
    headers: { "if-match": etag },
  });
}

test("a workspace starts with no allowed origins at version 0", async () => {
  const s = await settings(executive);
  assert.equal(s.etag, 'W/"0"');
  assert.deepEqual(s.body.allowedOrigins, []);
  assert.match(s.body.tenantId, /^[0-9a-f-]{36}$/);
});

test("bad origins are refused naming each one, and nothing is stored", async () => {
  const res = await save(executive, [
    "https://ok.example",
    "http://intranet.example",
    "https://*.example",
    "https://host.example/path",
    "not a url",
    "",
  ]);
  assert.equal(res.status, 422);
  const body = await res.json();
  const fields = body.errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, [
    "body.allowedOrigins.1",
    "body.allowedOrigins.2",
    "body.allowedOrigins.3",
    "body.allowedOrigins.4",
    "body.allowedOrigins.5",
  ]);
  assert.match(body.errors.find((e: { field: string }) => e.field.endsWith(".1")).message, /https/);
  assert.deepEqual((await settings(executive)).body.allowedOrigins, []);
  const tooMany = await save(executive, Array.from({ length: 51 }, (_, i) => `https://s${i}.ex`));
  assert.equal(tooMany.status, 422);
  assert.equal((await tooMany.json()).errors[0].field, "body.allowedOrigins");
});

test("saving needs If-Match; origins are normalised and deduplicated; stale saves get 412", async () => {
  const missing = await t.call("PUT", "/api/v1/embedding/settings", {
    token: executive,
    body: { allowedOrigins: [A_SITE] },
  });
  assert.equal(missing.status, 428);
  const res = await save(executive, [
    "HTTPS://Intranet.Contoso.Example:443/",
    A_SITE,
    A_SITE_2,
    "http://localhost:5173",
  ]);
  assert.equal(res.status, 200, await res.clone().text());
  const saved = await res.json();
  assert.deepEqual(saved.allowedOrigins, [A_SITE, A_SITE_2, "http://localhost:5173"]);
  assert.equal(res.headers.get("etag"), `W/"${saved.version}"`);
  const stale = await save(executive, [A_SITE], 'W/"0"');
  assert.equal(stale.status, 412);
  assert.deepEqual((await settings(executive)).body.allowedOrigins, saved.allowedOrigins);

  const b = await save(otherExecutive, [B_SITE]);
  assert.equal(b.status, 200);
  // Each workspace sees its own list only.
  assert.deepEqual((await settings(otherExecutive)).body.allowedOrigins, [B_SITE]);
});

test("only executives read the settings, and every change is in the audit trail", async () => {
  const res = await t.call("GET", "/api/v1/embedding/settings", { token: reader });
  assert.equal(res.status, 403);
  const trail = await (await t.call("GET", "/api/v1/audit?action=embedding.write", {
    token: executive,
  })).json();
  const entries = trail.items.filter((e: { status: number }) => e.status === 200);
  assert.ok(entries.length >= 1, "the saved change is audited");
  assert.equal(entries[0].route, "/api/v1/embedding/settings");
});

function preflight(origin: string, path = "/api/v1/processes") {
  return t.call("OPTIONS", path, {
    headers: {
      origin,
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization",
    },
  });
}

test("a preflight is answered for origins on any workspace's list, and only those", async () => {
  for (const origin of [A_SITE, B_SITE, "https://operator-wide.example"]) {
    const res = await preflight(origin);
    assert.equal(res.status, 204, origin);
    assert.equal(res.headers.get("access-control-allow-origin"), origin);
    assert.match(res.headers.get("access-control-allow-headers")!, /Authorization/);
  }
  const res = await preflight(NOWHERE);
  assert.equal(res.status, 403);
  assert.equal(res.headers.get("access-control-allow-origin"), null);
  assert.equal((await res.json()).type, "https://procedo.app/problems/origin-not-allowed");
});

test("a site gets a workspace's data only when that workspace allows it", async () => {
  const ok = await t.call("GET", "/api/v1/processes", {
    token: reader,
    headers: { origin: A_SITE },
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("access-control-allow-origin"), A_SITE);
  assert.match(ok.headers.get("vary")!, /Origin/);
  assert.ok((await ok.json()).items.length > 0);

  // B's site with A's token: A does not allow it. Refused before any data is read.
  const other = await t.call("GET", "/api/v1/processes", {
    token: reader,
    headers: { origin: B_SITE },
  });
  assert.equal(other.status, 403);
  const problem = await other.json();
  assert.equal(problem.type, "https://procedo.app/problems/origin-not-allowed");
  assert.equal(problem.items, undefined);
  // Readable by the page (it is on some list), so the component can say what to do.
  assert.equal(other.headers.get("access-control-allow-origin"), B_SITE);

  const nowhere = await t.call("GET", "/api/v1/processes", {
    token: otherReader,
    headers: { origin: NOWHERE },
  });
  assert.equal(nowhere.status, 403);
  assert.equal(nowhere.headers.get("access-control-allow-origin"), null);

  // The operator's origins are allowed for every workspace.
  const operator = await t.call("GET", "/api/v1/processes", {
    token: otherReader,
    headers: { origin: "https://operator-wide.example" },
  });
  assert.equal(operator.status, 200);
  assert.equal(
    operator.headers.get("access-control-allow-origin"),
    "https://operator-wide.example",
  );
});

test("answers from the response cache carry the asking origin's headers, or none", async () => {
  const path = "/api/v1/tags";
  const first = await t.call("GET", path, { token: reader, headers: { origin: A_SITE } });
  assert.equal(first.status, 200);
  const second = await t.call("GET", path, { token: reader, headers: { origin: A_SITE_2 } });
  assert.equal(second.status, 200);
  assert.equal(second.headers.get("access-control-allow-origin"), A_SITE_2);
  const plain = await t.call("GET", path, { token: reader });
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get("access-control-allow-origin"), null);
  const refused = await t.call("GET", path, { token: reader, headers: { origin: B_SITE } });
  assert.equal(refused.status, 403, "a remembered answer is not served to a refused origin");
});

test("the app's own pages are never refused, with or without a proxy in front", async () => {
  const own = await t.app.request("http://procedo.test/api/v1/processes", {
    headers: { authorization: `Bearer ${reader}`, origin: "http://procedo.test" },
  });
  assert.equal(own.status, 200);
  const proxied = await t.app.request("http://10.0.0.5:8000/api/v1/processes", {
    headers: {
      authorization: `Bearer ${reader}`,
      origin: "https://procedo.example.com",
      host: "procedo.example.com",
    },
  });
  assert.equal(proxied.status, 200);
  const sameSite = await t.call("POST", "/api/v1/tags", {
    token: await t.token("modeler"),
    body: { name: `same-origin ${crypto.randomUUID().slice(0, 6)}` },
    headers: { origin: "https://elsewhere.example", "sec-fetch-site": "same-origin" },
  });
  assert.equal(sameSite.status, 201);
});

test("a page naming a workspace may be framed by that workspace's origins only", async () => {
  const { tenantId } = (await settings(executive)).body;
  const framed = await t.call("GET", `/map?tenant=${tenantId}`);
  const csp = framed.headers.get("content-security-policy")!;
  assert.match(csp, /frame-ancestors 'self' https:\/\/\*\.sharepoint\.com/);
  assert.ok(csp.includes(A_SITE) && csp.includes(A_SITE_2), csp);
  assert.ok(!csp.includes(B_SITE), "another workspace's origins are not added");

  const { tenantId: otherId } = (await settings(otherExecutive)).body;
  const other = await t.call("GET", `/map?tenant=${otherId}`);
  const otherCsp = other.headers.get("content-security-policy")!;
  assert.ok(otherCsp.includes(B_SITE) && !otherCsp.includes(A_SITE), otherCsp);

  const plain = await t.call("GET", "/map");
  assert.ok(!plain.headers.get("content-security-policy")!.includes(A_SITE));
  const junk = await t.call("GET", "/map?tenant=not-a-tenant");
  assert.ok(!junk.headers.get("content-security-policy")!.includes(A_SITE));
});

test("the embeddable scripts load from any site; API answers do not", async () => {
  const script = await t.call("GET", "/embed.js", { headers: { origin: NOWHERE } });
  assert.equal(script.headers.get("access-control-allow-origin"), "*");
  assert.equal(script.headers.get("cross-origin-resource-policy"), "cross-origin");
  const page = await t.call("GET", "/map", { headers: { origin: NOWHERE } });
  assert.equal(page.headers.get("access-control-allow-origin"), null);
});

test("a removed origin is refused at once", async () => {
  const res = await save(executive, [A_SITE]);
  assert.equal(res.status, 200);
  const gone = await t.call("GET", "/api/v1/processes", {
    token: reader,
    headers: { origin: A_SITE_2 },
  });
  assert.equal(gone.status, 403);
  assert.equal((await preflight(A_SITE_2)).status, 403);
});
