// GET /metrics: Prometheus text behind the operator key, with route templates as labels and
// never a tenant id or an object id.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import { routeLabel } from "./mod.ts";

const KEY = "op-" + "m".repeat(40);
const t = await startTestApp({ env: { OPERATOR_API_KEY: KEY, RATE_LIMIT_PER_MINUTE: "5" } });
const scrape = async () => {
  const res = await t.call("GET", "/metrics", { headers: { authorization: `Bearer ${KEY}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  return await res.text();
};

test("metrics need the operator key", async () => {
  assert.equal((await t.call("GET", "/metrics")).status, 401);
  const wrong = await t.call("GET", "/metrics", { headers: { authorization: "Bearer nope" } });
  assert.equal(wrong.status, 401);
  const off = await startTestApp();
  try {
    assert.equal((await off.call("GET", "/metrics")).status, 404);
  } finally {
    await off.close();
  }
});

test("requests are counted and timed by route template; no tenant or object id appears", async () => {
  const modeler = await t.token("modeler");
  const created = await (await t.call("POST", "/api/v1/tags", {
    token: modeler,
    body: { name: "Metered" },
  })).json();
  assert.equal((await t.call("GET", `/api/v1/tags/${created.id}`, { token: modeler })).status, 200);
  const me = await (await t.call("GET", "/api/v1/users/me", { token: modeler })).json();
  await t.call("GET", "/api/v1/nothing-here", { token: modeler });
  const text = await scrape();
  assert.match(
    text,
    /^procedo_http_requests_total\{method="GET",route="\/api\/v1\/tags\/:id",status="200"\} 1$/m,
  );
  assert.match(
    text,
    /^procedo_http_requests_total\{method="POST",route="\/api\/v1\/tags",status="201"\} 1$/m,
  );
  assert.match(text, /route="\(unmatched\)",status="404"/);
  assert.match(
    text,
    /^procedo_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/tags\/:id",le="\+Inf"\} 1$/m,
  );
  for (const id of [created.id, me.user.id, me.tenant?.id].filter(Boolean)) {
    assert.ok(!text.includes(id), `the metrics hold the id ${id}`);
  }
  // Every line is a comment or `name{labels} value`, as Prometheus parses them.
  for (const line of text.trim().split("\n")) {
    assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [-+\d.eInfNa]+)$/, line);
  }
});

test("rate-limit refusals and remembered answers are counted", async () => {
  const reader = await t.token("reader");
  let refused = 0;
  for (let i = 0; i < 8; i++) {
    const res = await t.call("GET", "/api/v1/tags", { token: reader });
    if (res.status === 429) refused++;
    await res.body?.cancel();
  }
  assert.ok(refused > 0);
  const text = await scrape();
  assert.match(
    text,
    new RegExp(`^procedo_rate_limit_rejections_total\\{scope="credential"\\} ${refused}$`, "m"),
  );
  assert.match(text, /^procedo_response_cache_total\{result="hit"\} [1-9]\d*$/m);
  assert.match(text, /^procedo_db_pool_connections\{state="in_use"\} \d+$/m);
  assert.match(text, /^procedo_db_pool_acquisitions_total\{result="acquired"\} [1-9]\d*$/m);
  assert.match(text, /^procedo_db_pool_wait_seconds_total [\d.e-]+$/m);
});

test("route labels never fall back to the path", () => {
  assert.equal(routeLabel("/api/v1/tags/:id", "/api/v1/tags/0190"), "/api/v1/tags/:id");
  assert.equal(routeLabel("/*", "/api/v1/x/0190"), "(unmatched)");
  assert.equal(routeLabel("/api/*", "/api/v1/x/0190"), "(unmatched)");
  assert.equal(routeLabel(undefined, "/processes/0190"), "(static)");
});

test("close", async () => {
  await t.close();
});
