// Tracing over OTLP: Procedo started as `deno task start` does, with Deno's OpenTelemetry
// export pointed at a local OTLP/HTTP receiver. A request yields a span named after its route
// template with the tenant's hash and the request id, and one child span per database query —
// with no tenant id, no path and no value in any attribute.
import assert from "node:assert/strict";
import { test } from "../tests/support/app.ts";
import { statementSummary, tenantHash } from "./tracing.ts";

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

const ROOT = new URL("../", import.meta.url).pathname;

test("statement summaries keep the operation and the table only", () => {
  assert.equal(statementSummary("select `id` from `tags` where `tenant_id` = ?"), "SELECT tags");
  assert.equal(statementSummary("insert into `audit_log` (`a`) values (?)"), "INSERT audit_log");
  assert.equal(statementSummary("update `users` set `role` = ? where id = ?"), "UPDATE users");
  assert.equal(statementSummary("select 1"), "SELECT");
});

test("a request's span names its route, tenant hash and request id; queries are its children", async () => {
  const spans: OtlpSpan[] = [];
  const receiver = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    if (new URL(req.url).pathname === "/v1/traces") {
      const body = await req.json();
      for (const rs of body.resourceSpans ?? []) {
        for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
      }
    } else await req.body?.cancel();
    return Response.json({});
  });
  const dataDir = await Deno.makeTempDir({ prefix: "procedo-otel-" });
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "api/main.ts"],
    cwd: ROOT,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SKIP_UI_BUILD: "1",
      LOG_LEVEL: "warn",
      OTEL_DENO: "true",
      OTEL_DENO_CONSOLE: "ignore",
      OTEL_SERVICE_NAME: "procedo-test",
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.addr.port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      PATH: `${Deno.env.get("PATH")}:/usr/sbin`,
    },
    stdout: "null",
    stderr: "null",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0;; i++) {
      const ok = await fetch(`${base}/health/ready`).then(
        (r) => (r.body?.cancel(), r.ok),
        () => false,
      );
      if (ok) break;
      if (i > 240) throw new Error("Procedo did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
    const users = await (await fetch(`${base}/api/v1/dev/users`)).json();
    const modeler = users.find((u: { role: string }) => u.role === "modeler");
    const { accessToken } = await (await fetch(`${base}/api/v1/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tid: modeler.tid, oid: modeler.oid }),
    })).json();
    const res = await fetch(`${base}/api/v1/tags?limit=5`, {
      headers: { authorization: `Bearer ${accessToken}`, "x-request-id": "trace-test-0001" },
    });
    assert.equal(res.status, 200);
    const me = await (await fetch(`${base}/api/v1/users/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })).json();

    const attr = (s: OtlpSpan, key: string) =>
      s.attributes?.find((a) => a.key === key)?.value.stringValue;
    let request: OtlpSpan | undefined;
    for (let i = 0; i < 80 && !request; i++) {
      await new Promise((r) => setTimeout(r, 250));
      request = spans.find((s) => attr(s, "procedo.request_id") === "trace-test-0001");
    }
    assert.ok(request, `no request span among ${spans.map((s) => s.name).join(", ")}`);
    assert.equal(request.name, "GET /api/v1/tags");
    assert.equal(attr(request, "http.route"), "/api/v1/tags");
    assert.equal(attr(request, "procedo.tenant_hash"), await tenantHash(me.tenant.id));
    const queries = spans.filter((s) => s.traceId === request!.traceId && attr(s, "db.system"));
    assert.ok(queries.some((q) => q.name === "SELECT tags"), queries.map((q) => q.name).join());
    const text = JSON.stringify(spans);
    assert.ok(!text.includes(me.tenant.id), "a span holds the tenant id");
    assert.ok(!text.includes(accessToken), "a span holds the token");
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await receiver.shutdown();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
