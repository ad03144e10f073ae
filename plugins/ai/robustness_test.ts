// Provider failures through each SDK: a refused key, 429 with Retry-After, server errors,
// a hang past the timeout, malformed output; and cancellation, the per-tenant concurrency
// limit and the monthly budget. Every failure is problem+json naming provider and cause,
// never the key.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";
import {
  type ProviderKind,
  type ProviderServer,
  startProviderServer,
} from "../../tests/fixtures/ai_provider_server.ts";
import {
  ALLOW_LOCAL_PROVIDERS,
  disableAi,
  enableAi,
  processWithText,
  TEST_KEY,
} from "./test_support.ts";

const t = await startTestApp({
  env: {
    AI_TIMEOUT_MS: "1500",
    AI_MAX_RETRIES: "2",
    AI_CONCURRENCY_PER_TENANT: "1",
    ...ALLOW_LOCAL_PROVIDERS,
  },
});
const modeler = await t.token("modeler");
const KINDS: ProviderKind[] = ["openai", "anthropic", "google"];
const processId = await processWithText(t, { publish: false });

function analyse(init: { signal?: AbortSignal } = {}) {
  const req = new Request("http://localhost/api/v1/ai/analyses", {
    method: "POST",
    headers: { authorization: `Bearer ${modeler}`, "content-type": "application/json" },
    body: JSON.stringify({ processId, engine: "provider" }),
    signal: init.signal,
  });
  return Promise.resolve(t.app.fetch(req));
}

async function problem(res: Response, status: number, slug: string, kind: string) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get("content-type")!, /^application\/problem\+json/);
  const body = JSON.parse(text);
  assert.equal(body.type, `https://procedo.app/problems/${slug}`);
  assert.equal(body.provider, kind);
  assert.ok(!text.includes(TEST_KEY) && !text.includes("sk-te"), "the key never shows");
  return body;
}

for (const kind of KINDS) {
  test(`${kind}: failures become problems naming provider and cause`, async () => {
    const server: ProviderServer = startProviderServer(kind);
    try {
      await enableAi(t, server);

      server.queue.push({ kind: "status", status: 401 });
      const bad = await problem(await analyse(), 502, "ai-provider-bad-key", kind);
      assert.equal(bad.cause, "bad-key");
      assert.match(bad.detail, /refused the API key/);

      server.queue.push({
        kind: "status",
        status: 429,
        body: {
          error: { type: "insufficient_quota", code: "insufficient_quota", message: "quota" },
        },
      });
      assert.equal((await problem(await analyse(), 502, "ai-provider-quota", kind)).cause, "quota");

      // 429 with a short Retry-After is retried; the second request succeeds.
      let before = server.requests.length;
      server.queue.push({ kind: "status", status: 429, headers: { "retry-after": "0" } });
      const retried = await analyse();
      assert.equal(retried.status, 201, await retried.clone().text());
      assert.equal(server.requests.length - before, 2);

      // A Retry-After longer than we wait is passed on to the caller.
      before = server.requests.length;
      server.queue.push({ kind: "status", status: 429, headers: { "retry-after": "120" } });
      const limited = await analyse();
      assert.equal(limited.headers.get("retry-after"), "120");
      await problem(limited, 503, "ai-provider-rate-limited", kind);
      assert.equal(server.requests.length - before, 1);

      // Server errors: the first try and two retries, then 502.
      before = server.requests.length;
      for (let i = 0; i < 3; i++) server.queue.push({ kind: "status", status: 500 });
      await problem(await analyse(), 502, "ai-provider-error", kind);
      assert.equal(server.requests.length - before, 3);

      // A hang past the timeout: 504, not retried.
      before = server.requests.length;
      server.queue.push({ kind: "hang" });
      await problem(await analyse(), 504, "ai-provider-timeout", kind);
      assert.equal(server.requests.length - before, 1);

      // Malformed output: one repair attempt, then 502; a good repair is accepted.
      before = server.requests.length;
      server.queue.push({ kind: "malformed" }, { kind: "malformed" });
      await problem(await analyse(), 502, "ai-invalid-output", kind);
      assert.equal(server.requests.length - before, 2);
      const repair = server.requests.at(-1)!.raw;
      assert.match(repair, /does not match the required schema/);
      server.queue.push({ kind: "malformed" });
      assert.equal((await analyse()).status, 201);
    } finally {
      await server.close();
    }
  });
}

test("a client going away cancels the provider call; the usage log says so", async () => {
  const server = startProviderServer("openai");
  try {
    await enableAi(t, server);
    server.queue.push({ kind: "hang" });
    const abort = new AbortController();
    const pending = analyse({ signal: abort.signal });
    await waitFor(() => server.requests.length === 1);
    abort.abort();
    await pending.catch(() => {});
    const exec = await t.token("executive");
    await waitFor(async () => {
      const page = await (await t.call("GET", "/api/v1/ai/usage?limit=1", { token: exec })).json();
      return page.items[0]?.outcome === "cancelled";
    });
  } finally {
    await server.close();
  }
});

test("the per-tenant concurrency limit answers 429 ai-busy while a call runs", async () => {
  const server = startProviderServer("openai");
  try {
    await enableAi(t, server);
    server.queue.push({ kind: "hang" });
    const first = analyse();
    await waitFor(() => server.requests.length === 1);
    const second = await analyse();
    assert.equal(second.status, 429);
    assert.equal((await second.json()).type, "https://procedo.app/problems/ai-busy");
    assert.equal(second.headers.get("retry-after"), "5");
    assert.equal(server.requests.length, 1, "the second call never reached the provider");
    assert.equal((await first).status, 504);
    assert.equal((await analyse()).status, 201, "the slot is free again");
  } finally {
    await server.close();
  }
});

test("the monthly budget is enforced with a clear error", async () => {
  const server = startProviderServer("openai");
  try {
    await enableAi(t, server, { budget: 1000 });
    const res = await analyse();
    const body = await res.json();
    assert.equal(res.status, 409, JSON.stringify(body));
    assert.equal(body.type, "https://procedo.app/problems/ai-budget-exhausted");
    assert.match(body.detail, /budget of 1000 tokens/);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test("with AI off every provider-backed route answers 409 ai-off; the rules still work", async () => {
  await disableAi(t);
  const reader = await t.token("reader");
  for (
    const [path, body, token] of [
      ["/analyses", { processId, engine: "provider" }, modeler],
      ["/summaries", { processId }, reader],
      ["/change-summaries", { processId }, modeler],
      ["/from-text", { text: "Sales checks the order." }, modeler],
    ] as const
  ) {
    const res = await t.call("POST", `/api/v1/ai${path}`, { token, body });
    assert.equal(res.status, 409, path);
    const p = await res.json();
    assert.equal(p.type, "https://procedo.app/problems/ai-off", path);
    assert.match(p.detail, /AI is off/);
  }
  const rules = await t.call("POST", "/api/v1/ai/analyses", {
    token: modeler,
    body: { processId, engine: "rules" },
  });
  assert.equal(rules.status, 201);
  const preview = await t.call("POST", "/api/v1/ai/preview", {
    token: modeler,
    body: { feature: "fromText", text: "Sales checks the order." },
  });
  assert.equal(preview.status, 200);
  assert.equal((await preview.json()).enabled, false);
});

async function waitFor(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail("condition not reached");
}

test("close", async () => {
  await t.close();
});
