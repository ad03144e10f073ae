// Unexpected errors reach the configured sink — a Sentry-compatible envelope endpoint or a
// webhook, both local servers here — with the request id and route, and never the body.
import assert from "node:assert/strict";
import { createRoute, z } from "@hono/zod-openapi";
import type { ProcedoPlugin } from "./plugin.ts";
import { defaultPlugins } from "../plugins/mod.ts";
import { startTestApp, test } from "../tests/support/app.ts";

const SECRET = "Personal-Text-Of-Erika";

/** Fails as a failed query does: its message quotes the body. */
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
        throw Object.assign(new Error(`Failed query params: ${c.req.valid("json").text}`), {
          code: "ER_DATA_TOO_LONG",
        });
      },
    );
  },
};

interface Received {
  path: string;
  headers: Headers;
  body: string;
}

function receiver() {
  const received: Received[] = [];
  let arrived: (r: Received) => void = () => {};
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const r = { path: new URL(req.url).pathname, headers: req.headers, body: await req.text() };
    received.push(r);
    arrived(r);
    return new Response("{}", { status: 200 });
  });
  const next = () => new Promise<Received>((ok) => (arrived = ok));
  return { url: `http://127.0.0.1:${server.addr.port}`, received, next, server };
}

async function provoke(env: Record<string, string>) {
  const t = await startTestApp({ plugins: [...defaultPlugins, failing], env });
  const res = await t.call("POST", "/api/v1/failing", {
    token: await t.token("reader"),
    body: { text: SECRET },
  });
  assert.equal(res.status, 500);
  return { t, requestId: (await res.json()).requestId as string };
}

test("a Sentry-compatible DSN gets an envelope with the request id and route, no body", async () => {
  const sink = receiver();
  const arrived = sink.next();
  const { t, requestId } = await provoke({
    ERROR_REPORT_DSN: `${sink.url.replace("//", "//publickey@")}/42`,
  });
  try {
    const r = await arrived;
    assert.equal(r.path, "/api/42/envelope/");
    assert.match(r.headers.get("x-sentry-auth")!, /sentry_key=publickey/);
    const [header, item, eventText] = r.body.split("\n");
    assert.ok(JSON.parse(header).event_id);
    assert.equal(JSON.parse(item).type, "event");
    const event = JSON.parse(eventText);
    assert.equal(event.tags.request_id, requestId);
    assert.equal(event.tags.route, "/api/v1/failing");
    assert.equal(event.exception.values[0].type, "Error");
    assert.equal(event.exception.values[0].value, "ER_DATA_TOO_LONG");
    assert.ok(
      event.exception.values[0].stacktrace.frames.some((f: { filename?: string }) =>
        f.filename?.endsWith("error_report_test.ts")
      ),
    );
    assert.ok(!r.body.includes(SECRET), "the report holds the body");
    assert.ok(!r.body.includes("Failed query"), "the report holds the message");
  } finally {
    await t.close();
    await sink.server.shutdown();
  }
});

test("a webhook gets the same facts as JSON", async () => {
  const sink = receiver();
  const arrived = sink.next();
  const { t, requestId } = await provoke({ ERROR_REPORT_WEBHOOK: `${sink.url}/hook` });
  try {
    const r = await arrived;
    const body = JSON.parse(r.body);
    assert.equal(body.requestId, requestId);
    assert.equal(body.route, "/api/v1/failing");
    assert.equal(body.errorClass, "Error");
    assert.equal(body.code, "ER_DATA_TOO_LONG");
    assert.ok(!r.body.includes(SECRET));
  } finally {
    await t.close();
    await sink.server.shutdown();
  }
});
