// A workspace's AI base URL is an outbound target like a webhook's: without the operator's
// switch, settings pointing at loopback, private or link-local addresses are refused, a
// stored URL that resolves to one later makes the call fail with nothing sent, and
// redirects from a base URL are not followed.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { startTestApp, test } from "../../tests/support/app.ts";
import { startProviderServer } from "../../tests/fixtures/ai_provider_server.ts";
import { aiUsage } from "./schema.ts";
import {
  ALL_ON,
  ALLOW_LOCAL_PROVIDERS,
  disableAi,
  enableAi,
  processWithText,
  TEST_KEY,
} from "./test_support.ts";

// The local provider servers need the switch; `strict` shares the database and has the
// installation default (private targets refused).
const t = await startTestApp({ env: ALLOW_LOCAL_PROVIDERS });
const strict = await startTestApp({ instanceOf: t });
const exec = await t.token("executive");
const modeler = await t.token("modeler");
const processId = await processWithText(t, { publish: false });

const settings = (baseUrl: string | null) => ({
  enabled: true,
  provider: "openai",
  model: null,
  apiKey: TEST_KEY,
  baseUrl,
  features: ALL_ON,
  monthlyTokenBudget: null,
});
const put = (app: typeof t, baseUrl: string | null) =>
  app.call("PUT", "/api/v1/ai/settings", {
    token: exec,
    headers: { "if-match": "*" },
    body: settings(baseUrl),
  });
const analyse = (app: typeof t) =>
  app.call("POST", "/api/v1/ai/analyses", {
    token: modeler,
    body: { processId, engine: "provider" },
  });
const storedVersion = async () =>
  (await (await t.call("GET", "/api/v1/ai/settings", { token: exec })).json()).version;

test("without the operator's switch, a base URL on a private address is refused at PUT", async () => {
  const server = startProviderServer("openai");
  try {
    const port = new URL(server.baseUrl).port;
    const before = await storedVersion();
    const refused: [string, RegExp][] = [
      [server.baseUrl, /private, loopback/], // http://127.0.0.1:…/v1
      ["http://169.254.169.254/", /private, loopback or link-local/],
      ["http://[::1]/", /private, loopback/],
      ["http://[::ffff:10.0.0.1]/v1", /private/],
      [`http://localhost:${port}/v1`, /resolves to a private/],
      ["https://no-such-host.invalid/v1", /does not resolve/],
    ];
    for (const [url, reason] of refused) {
      const res = await put(strict, url);
      const text = await res.text();
      assert.equal(res.status, 422, `${url}: ${text}`);
      assert.match(res.headers.get("content-type")!, /^application\/problem\+json/);
      const { errors } = JSON.parse(text);
      assert.deepEqual(errors.map((e: { field: string }) => e.field), ["body.baseUrl"], url);
      assert.match(errors[0].message, reason, url);
    }
    assert.equal(await storedVersion(), before, "nothing was stored");
    assert.equal(server.requests.length, 0, "nothing was sent");

    // The providers' own endpoints (no base URL) and public addresses are not affected.
    assert.equal((await put(strict, null)).status, 200);
    assert.equal((await put(strict, "https://93.184.215.14/v1")).status, 200);
  } finally {
    await disableAi(t);
    await server.close();
  }
});

test("a stored base URL that now resolves to a private address: the call sends nothing", async () => {
  const server = startProviderServer("openai");
  try {
    const port = new URL(server.baseUrl).port;
    for (const baseUrl of [`http://localhost:${port}/v1`, server.baseUrl]) {
      // Stored where the operator allowed it (or when the name still resolved elsewhere).
      const stored = await put(t, baseUrl);
      assert.equal(stored.status, 200, await stored.text());
      const allowed = await analyse(t);
      assert.equal(allowed.status, 201, await allowed.text());
      const sent = server.requests.length;
      assert.ok(sent >= 1, "the server answers where private targets are allowed");

      const res = await analyse(strict);
      const text = await res.text();
      assert.equal(res.status, 502, text);
      const problem = JSON.parse(text);
      assert.equal(problem.type, "https://procedo.app/problems/ai-provider-unreachable");
      assert.equal(problem.cause, "unreachable");
      assert.match(problem.baseUrlRefused, /(resolves|points) to a private, loopback/);
      assert.match(problem.detail, /could not be reached.*Nothing was sent.*base URL/);
      assert.equal(server.requests.length, sent, `${baseUrl}: no request reached the server`);
    }
    const outcomes = await t.database.db.select({ outcome: aiUsage.outcome }).from(aiUsage)
      .where(eq(aiUsage.outcome, "unreachable"));
    assert.equal(outcomes.length, 2, "the usage log records each refused call as unreachable");
  } finally {
    await disableAi(t);
    await server.close();
  }
});

test("a redirect from a workspace's base URL is not followed", async () => {
  const first = startProviderServer("openai");
  const elsewhere = startProviderServer("openai");
  try {
    await enableAi(t, first);
    first.queue.push({
      kind: "status",
      status: 307,
      headers: { location: `${elsewhere.baseUrl}/chat/completions` },
    });
    const res = await analyse(t);
    const text = await res.text();
    assert.equal(res.status, 502, text);
    assert.equal(JSON.parse(text).type, "https://procedo.app/problems/ai-provider-refused");
    assert.equal(first.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0, "the redirect target received nothing");
  } finally {
    await disableAi(t);
    await first.close();
    await elsewhere.close();
  }
});

test("close", async () => {
  await strict.close();
  await t.close();
});
