// Webhooks end to end: endpoints registered through the API, events from approvals,
// comments and problems delivered by the outbox worker to a local receiver that verifies
// every signature with the `standardwebhooks` package; retries, the delivery log, refused
// private targets (at registration and after DNS resolution at delivery), switching off an
// endpoint that keeps failing, and API keys refused.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../schema/audit.ts";
import { createBackground } from "../../api/background.ts";
import { loadConfig } from "../../api/config.ts";
import { createLogger } from "../../api/log.ts";
import { outbox } from "../../schema/background.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { defaultPlugins } from "../mod.ts";
import { BASE as COLLAB, ok, ownedProcess } from "../collaboration/test_support.ts";
import { webhookDeliveries, webhookEndpoints } from "./schema.ts";
import { type Receiver, startReceiver } from "./test_support.ts";
import { DELIVERY_LOG_DAYS, pruneDeliveries } from "./prune.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";

const ALLOW = { OUTBOUND_ALLOW_PRIVATE_TARGETS: "true" };
const t = await startTestApp({ env: ALLOW });
// The same database, with the installation default: private targets refused.
const strictApp = await startTestApp({ instanceOf: t });
const db = t.database.db;
const backgroundWith = (env: Record<string, string>) =>
  createBackground({
    config: loadConfig({ LOG_LEVEL: "silent", MODE: "test", ...env }),
    db,
    cache: t.cache,
    plugins: defaultPlugins,
    logger: createLogger("silent"),
  });
const background = backgroundWith(ALLOW);
const strictBackground = backgroundWith({});
const executive = await t.token("executive");

const BASE = "/api/v1/webhooks";
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

/** Registers `receiver` for `events` (through `app`); the receiver learns the secret. */
async function register(receiver: Receiver, events: string[], app = t) {
  const created = await ok(
    app.call("POST", BASE, { token: executive, body: { url: receiver.url, events } }),
    201,
  );
  receiver.secret = created.secret;
  return created.id as string;
}

async function remove(id: string, receiver: Receiver) {
  await ok(t.call("DELETE", `${BASE}/${id}`, { token: executive }), 204);
  await receiver.close();
}

const deliveries = async (id: string) =>
  (await ok(t.call("GET", `${BASE}/${id}/deliveries`, { token: executive }))).items;

test("an executive registers an endpoint; its secret is shown once and stored sealed", async () => {
  const receiver = startReceiver();
  const res = await t.call("POST", BASE, {
    token: executive,
    body: { url: receiver.url, events: ["process.published", "process.published"] },
  });
  const created = await ok(res, 201);
  assert.equal(res.headers.get("location"), `http://localhost/api/v1/webhooks/${created.id}`);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
  assert.deepEqual(created.events, ["process.published"]);
  assert.equal(created.enabled, true);
  const got = await ok(t.call("GET", `${BASE}/${created.id}`, { token: executive }));
  assert.equal(got.secret, undefined);
  assert.equal(got.url, receiver.url);
  const list = await ok(t.call("GET", BASE, { token: executive }));
  assert.ok(list.items.some((e: { id: string }) => e.id === created.id));
  assert.ok(list.items.every((e: Record<string, unknown>) => !("secret" in e)));
  const [row] = await db.select().from(webhookEndpoints).where(
    eq(webhookEndpoints.id, created.id),
  );
  assert.ok(!row.secretSealed.includes(created.secret.slice(6)), "not stored in the clear");

  const changed = await ok(t.call("PATCH", `${BASE}/${created.id}`, {
    token: executive,
    body: { events: ["comment.created"], enabled: false },
  }));
  assert.deepEqual([changed.events, changed.enabled], [["comment.created"], false]);
  const bad = await t.call("POST", BASE, {
    token: executive,
    body: { url: "ftp://example.com/x", events: ["nothing.happened"] },
  });
  assert.equal(bad.status, 422);
  const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["body.events.0", "body.url"]);
  await remove(created.id, receiver);
  assert.equal((await t.call("GET", `${BASE}/${created.id}`, { token: executive })).status, 404);
});

test("approving a draft delivers approval.requested, process.published and approval.decided, signed", async () => {
  const receiver = startReceiver();
  const id = await register(receiver, [
    "process.published",
    "approval.requested",
    "approval.decided",
  ]);
  const processId = await ownedProcess(t);
  await background.outbox.drain();
  const mine = receiver.received.filter((r) => r.body.data.processId === processId);
  assert.deepEqual(mine.map((r) => r.type).sort(), [
    "approval.decided",
    "approval.requested",
    "process.published",
  ]);
  assert.ok(mine.every((r) => r.verified), "every signature verifies");
  const published = mine.find((r) => r.type === "process.published")!;
  assert.equal(published.body.data.version, 1);
  assert.equal(typeof published.body.data.title, "string");
  assert.ok(published.body.data.actorId);
  assert.equal(mine.find((r) => r.type === "approval.decided")!.body.data.decision, "approved");
  const log = await deliveries(id);
  assert.ok(log.length >= 3);
  assert.ok(
    log.every((d: { status: string; responseCode: number }) =>
      d.status === "delivered" && d.responseCode === 204
    ),
  );
  await remove(id, receiver);
});

test("comment.created and problem.reported reach the endpoint without people's words", async () => {
  const receiver = startReceiver();
  const id = await register(receiver, ["comment.created", "problem.reported"]);
  const processId = await ownedProcess(t);
  const reader = await t.token("reader");
  const thread = await ok(
    t.call("POST", `${COLLAB}/comments`, {
      token: reader,
      body: { processId, nodeId: "t", body: "Secret words of Rita" },
    }),
    201,
  );
  const problem = await ok(
    t.call("POST", `${COLLAB}/problems`, {
      token: reader,
      body: { processId, title: "Rita's problem", description: "d", severity: "high" },
    }),
    201,
  );
  await background.outbox.drain();
  const comment = receiver.received.find((r) => r.type === "comment.created")!;
  assert.equal(comment.body.data.commentId, thread.id);
  assert.equal(comment.body.data.processId, processId);
  const reported = receiver.received.find((r) => r.type === "problem.reported")!;
  assert.equal(reported.body.data.problemId, problem.id);
  assert.equal(reported.body.data.severity, "high");
  assert.ok(receiver.received.every((r) => r.verified));
  const bodies = JSON.stringify(receiver.received.map((r) => r.body));
  assert.ok(!bodies.includes("Rita"), "no words people wrote, no names");
  await remove(id, receiver);
});

test("a review falling due reaches the endpoint as review.due", async () => {
  const receiver = startReceiver();
  const id = await register(receiver, ["review.due"]);
  const processId = await ownedProcess(t);
  const due = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  await ok(t.call("PATCH", `/api/v1/processes/${processId}`, {
    token: executive,
    body: { nextReviewAt: due },
    headers: { "if-match": "*" },
  }));
  await background.scheduler.tick(new Date());
  await background.outbox.drain();
  const event = receiver.received.find((r) => r.body.data.processId === processId);
  assert.ok(event, "review.due arrived");
  assert.equal(event.type, "review.due");
  assert.deepEqual([event.body.data.dueDate, event.body.data.stage], [due, "overdue"]);
  assert.ok(event.verified);
  await remove(id, receiver);
});

test("a receiver that answered 500 gets the retry, with the same webhook-id", async () => {
  const receiver = startReceiver();
  const id = await register(receiver, ["comment.created"]);
  receiver.answers.push(500);
  const pong = await ok(t.call("POST", `${BASE}/${id}/test`, { token: executive }), 202);
  await background.outbox.drain();
  // A ping is not retried: the 500 is its outcome.
  assert.equal(receiver.received.length, 1);
  assert.equal(receiver.received[0].type, "ping");
  assert.equal(receiver.received[0].id, pong.messageId);
  assert.ok(receiver.received[0].verified);
  const [ping] = await deliveries(id);
  assert.deepEqual([ping.status, ping.responseCode, ping.eventType], ["failed", 500, "ping"]);

  receiver.answers.push(500);
  const processId = await ownedProcess(t);
  await ok(
    t.call("POST", `${COLLAB}/comments`, {
      token: await t.token("reader"),
      body: { processId, body: "Hello" },
    }),
    201,
  );
  const first = await background.outbox.drain();
  assert.ok(first.retried >= 1);
  assert.equal(receiver.received.length, 2);
  await background.outbox.drain({ now: later(61) });
  assert.equal(receiver.received.length, 3);
  const [a, b] = receiver.received.slice(1);
  assert.equal(a.id, b.id, "the same message, tried again");
  assert.ok(b.verified);
  const log = await deliveries(id);
  assert.deepEqual(
    log.filter((d: { eventType: string }) => d.eventType === "comment.created")
      .map((d: { attempt: number; status: string }) => [d.attempt, d.status]),
    [[2, "delivered"], [1, "failed"]],
  );
  const endpoint = await ok(t.call("GET", `${BASE}/${id}`, { token: executive }));
  assert.equal(endpoint.failureStreak, 0, "a success ends the streak");
  await remove(id, receiver);
});

test("a failure after 24 hours of retries gives the message up", async () => {
  const receiver = startReceiver();
  const id = await register(receiver, ["problem.reported"]);
  const processId = await ownedProcess(t);
  await ok(
    t.call("POST", `${COLLAB}/problems`, {
      token: await t.token("reader"),
      body: { processId, title: "Late", description: "d", severity: "low" },
    }),
    201,
  );
  // The event happened a day ago and has failed since: this attempt is its last.
  const [queued] = (await db.select().from(outbox).where(eq(outbox.kind, "webhook")))
    .filter((m) => m.state === "pending" && m.payload.endpointId === id);
  await db.update(outbox).set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
    .where(eq(outbox.id, queued.id));
  receiver.answers.push(502);
  await background.outbox.drain();
  const [message] = await db.select().from(outbox).where(eq(outbox.id, queued.id));
  assert.equal(message.state, "dead");
  assert.match(message.lastError ?? "", /retried for 24 hours/);
  const [attempt] = await deliveries(id);
  assert.deepEqual([attempt.status, attempt.responseCode], ["failed", 502]);
  await remove(id, receiver);
});

test("without OUTBOUND_ALLOW_PRIVATE_TARGETS, private targets are refused at registration", async () => {
  for (
    const url of [
      "http://127.0.0.1:9/hook",
      "http://10.1.2.3/hook",
      "http://[::1]/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::ffff:192.168.0.1]/hook",
      "http://localhost:9/hook",
    ]
  ) {
    const res = await strictApp.call("POST", BASE, {
      token: executive,
      body: { url, events: ["process.published"] },
    });
    assert.equal(res.status, 422, url);
    const body = await res.json();
    assert.equal(body.errors[0].field, "body.url", url);
  }
});

test("at delivery, a host name that resolves to 127.0.0.1 is refused", async () => {
  const receiver = startReceiver("localhost");
  const id = await register(receiver, ["comment.created"]); // allowed here
  const pong = await ok(t.call("POST", `${BASE}/${id}/test`, { token: executive }), 202);
  await strictBackground.outbox.drain();
  assert.equal(receiver.received.length, 0, "nothing reached the private address");
  const [attempt] = await deliveries(id);
  assert.equal(attempt.status, "refused");
  assert.match(attempt.error, /private|loopback/);
  const [message] = await db.select().from(outbox).where(eq(outbox.id, pong.messageId));
  assert.equal(message.state, "dead");
  await remove(id, receiver);
});

test("an endpoint failing for 24 hours is switched off and the others hear of it", async () => {
  const failing = startReceiver();
  const watcher = startReceiver();
  const failingId = await register(failing, ["problem.reported"]);
  const watcherId = await register(watcher, ["webhook.disabled"]);
  // Nine failures in a row since yesterday: the next one switches it off.
  await db.update(webhookEndpoints).set({
    failureStreak: 9,
    failingSince: new Date(Date.now() - 25 * 3600_000),
  }).where(eq(webhookEndpoints.id, failingId));
  failing.answers.push(503);
  const processId = await ownedProcess(t);
  await ok(
    t.call("POST", `${COLLAB}/problems`, {
      token: await t.token("reader"),
      body: { processId, title: "Broken", description: "d", severity: "low" },
    }),
    201,
  );
  await background.outbox.drain();
  await background.outbox.drain();
  assert.equal(failing.received.length, 1);
  const endpoint = await ok(t.call("GET", `${BASE}/${failingId}`, { token: executive }));
  assert.equal(endpoint.enabled, false);
  assert.match(endpoint.disabledReason, /10 failed deliveries/);
  const [audit] = await db.select().from(auditLog).where(
    and(eq(auditLog.action, "webhooks.disabled"), eq(auditLog.targetId, failingId)),
  );
  assert.equal(audit?.actorType, "system", "the audit trail says the system did it");
  const told = watcher.received.find((r) => r.type === "webhook.disabled");
  assert.ok(told, "the other endpoint heard of it");
  assert.equal(told.body.data.webhookId, failingId);
  assert.ok(told.verified);
  assert.equal(told.body.data.host, new URL(failing.url).host);
  // The executives hear of it by mail (the collaboration plugin knows their addresses).
  const mails = (await db.select().from(outbox).where(eq(outbox.kind, "mail")))
    .filter((m) => m.dedupeKey?.startsWith(`webhook-disabled:`));
  assert.ok(mails.length >= 1, "a mail to the executives is queued");
  const mail = mails[0].payload as { to: string[]; subject: string; text: string };
  assert.deepEqual(mail.to, ["erika.executive@contoso.example"]);
  assert.match(mail.text, new RegExp(`webhook to ${new URL(failing.url).host}`));
  assert.match(mail.text, /\/admin\/webhooks/);
  // No retries to a switched-off endpoint.
  await background.outbox.drain({ now: later(3600) });
  assert.equal(failing.received.length, 1);

  const on = await ok(t.call("PATCH", `${BASE}/${failingId}`, {
    token: executive,
    body: { enabled: true },
  }));
  assert.deepEqual([on.enabled, on.failureStreak, on.disabledReason], [true, 0, null]);
  await remove(failingId, failing);
  await remove(watcherId, watcher);
  assert.equal(
    (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, failingId)))
      .length,
    0,
    "its log went with it",
  );
});

test("the delivery log forgets attempts older than 30 days", async () => {
  const receiver = startReceiver();
  const id = await register(receiver, ["comment.created"]);
  await ok(t.call("POST", `${BASE}/${id}/test`, { token: executive }), 202);
  assert.deepEqual(await deliveries(id), []);
  await background.outbox.drain();
  assert.equal((await deliveries(id)).length, 1, "the worker's write is seen at once");
  const [row] = await db.select().from(webhookDeliveries).where(
    eq(webhookDeliveries.endpointId, id),
  );
  const scope = new TenantScope(db, row.tenantId);
  const day = 86_400_000;
  assert.equal(await pruneDeliveries(scope, new Date(row.at.getTime() + 29 * day)), 0);
  assert.equal(
    await pruneDeliveries(scope, new Date(row.at.getTime() + (DELIVERY_LOG_DAYS + 1) * day)),
    1,
  );
  await t.changed(row.tenantId); // as the daily task does
  assert.deepEqual(await deliveries(id), []);
  await remove(id, receiver);
});

test("an executive API key manages webhooks (integrations subscribe); a modeler's key and modelers cannot", async () => {
  const keyOf = async (role: "executive" | "modeler") =>
    (await ok(
      t.call("POST", "/api/v1/api-keys", {
        token: executive,
        body: {
          name: `webhooks test ${role}`,
          role,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }),
      201,
    )).key as string;
  const integration = await keyOf("executive");
  const listed = await t.call("GET", BASE, { token: integration });
  assert.equal(listed.status, 200);
  await listed.body?.cancel();
  const weak = await t.call("GET", BASE, { token: await keyOf("modeler") });
  assert.equal(weak.status, 403);
  assert.equal((await weak.json()).type, "https://procedo.app/problems/role-required");
  const modeler = await t.call("POST", BASE, {
    token: await t.token("modeler"),
    body: { url: "https://example.com/hook", events: ["process.published"] },
  });
  assert.equal(modeler.status, 403);
  await modeler.body?.cancel();
});
