// The outbox against a real MariaDB: queued once per dedupe key, delivered with retries and
// exponential backoff, dead-lettered after N attempts or a permanent failure, claimed by one
// worker at a time, and never delivered twice after a sender died mid-delivery.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createMemoryCache } from "../cache/memory.ts";
import { loadConfig } from "../config.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { createLogger } from "../log.ts";
import type { PluginDeps } from "../plugin.ts";
import { outbox } from "../../schema/background.ts";
import { test } from "../../tests/support/app.ts";
import { freshDatabase } from "../../tests/support/db.ts";
import { backoffSeconds, createOutboxWorker } from "./drain.ts";
import { enqueue } from "./enqueue.ts";
import {
  type OutboxHandler,
  type OutboxMessage,
  PermanentFailure,
  TransientFailure,
} from "./handler.ts";

const database = await freshDatabase();
const config = loadConfig({ MODE: "test", LOG_LEVEL: "silent" });
const deps: PluginDeps = { config, db: database.db, cache: createMemoryCache(), plugins: [] };
const scope = new TenantScope(database.db, crypto.randomUUID());

/** Deliveries by message id; `fail` decides per attempt. */
function recorder(fail: (m: OutboxMessage) => Error | undefined = () => undefined) {
  const delivered: OutboxMessage[] = [];
  const handler: OutboxHandler = {
    deliver(m) {
      const e = fail(m);
      if (e) return Promise.reject(e);
      delivered.push(m);
      return Promise.resolve();
    },
  };
  return { handler, delivered };
}

const worker = (handlers: Record<string, OutboxHandler>, holder = crypto.randomUUID()) =>
  createOutboxWorker({
    deps,
    handlers: new Map(Object.entries(handlers)),
    holder,
    maxAttempts: 4,
    logger: createLogger("silent"),
  });

const row = async (id: string) =>
  (await database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

test("a dedupe key queues a message once", async () => {
  const first = await enqueue(scope, { kind: "k1", payload: { n: 1 }, dedupeKey: "same" });
  const second = await enqueue(scope, { kind: "k1", payload: { n: 2 }, dedupeKey: "same" });
  assert.ok(first);
  assert.equal(second, null);
  assert.equal((await row(first)).payload.n, 1);
});

test("failures are retried after 1, 2, 4 … minutes until delivered", async () => {
  const r = recorder((m) => m.attempt < 3 ? new Error("down") : undefined);
  const w = worker({ k2: r.handler });
  const id = (await enqueue(scope, { kind: "k2", payload: {} }))!;
  const t0 = (await row(id)).nextAttemptAt;
  const first = await w.drain({ now: at(t0, 1) });
  assert.deepEqual([first.sent, first.retried], [0, 1]);
  let state = await row(id);
  assert.equal(state.state, "pending");
  assert.equal(state.attempts, 1);
  assert.match(state.lastError ?? "", /down/);
  assert.equal(state.nextAttemptAt.getTime(), at(t0, 1 + 60).getTime());
  assert.deepEqual(
    await w.drain({ now: at(t0, 50) }),
    { sent: 0, retried: 0, dead: 0 },
    "too early",
  );
  await w.drain({ now: at(t0, 61) });
  state = await row(id);
  assert.equal(state.attempts, 2);
  assert.equal(state.nextAttemptAt.getTime(), at(t0, 61 + 120).getTime());
  await w.drain({ now: at(t0, 181) });
  state = await row(id);
  assert.equal(state.state, "sent");
  assert.equal(state.attempts, 3);
  assert.equal(state.lastError, null);
  assert.deepEqual(r.delivered.map((m) => [m.id, m.attempt]), [[id, 3]]);
  assert.equal(backoffSeconds(20), 6 * 3600, "the wait is capped at six hours");
});

test("after the last attempt, or a permanent failure, the message is dead-lettered", async () => {
  const w = worker({
    k3: recorder(() => new Error("still down")).handler,
    k4: recorder(() => new PermanentFailure("no such mailbox")).handler,
    k5: recorder(() => new TransientFailure("slow down", 900)).handler,
  });
  const dead = (await enqueue(scope, { kind: "k3", payload: {} }))!;
  let now = new Date();
  for (let i = 0; i < 4; i++) {
    await w.drain({ now });
    now = at(now, 7 * 3600);
  }
  assert.equal((await row(dead)).state, "dead");
  assert.equal((await row(dead)).attempts, 4);

  const refused = (await enqueue(scope, { kind: "k4", payload: {} }))!;
  await w.drain({ now });
  assert.equal((await row(refused)).state, "dead");
  assert.equal((await row(refused)).attempts, 1);
  assert.match((await row(refused)).lastError ?? "", /PermanentFailure: no such mailbox/);

  const throttled = (await enqueue(scope, { kind: "k5", payload: {} }))!;
  await w.drain({ now });
  const wait = ((await row(throttled)).nextAttemptAt.getTime() - now.getTime()) / 1000;
  assert.equal(wait, 900, "Retry-After wins over a shorter backoff");

  const orphan = (await enqueue(scope, { kind: "nobody-handles-this", payload: {} }))!;
  await w.drain({ now });
  assert.equal((await row(orphan)).state, "dead");
});

test("two workers draining at once deliver each message once", async () => {
  const r = recorder();
  const ids = await Promise.all(
    Array.from({ length: 20 }, (_, i) => enqueue(scope, { kind: "k6", payload: { i } })),
  );
  const now = at(new Date(), 1);
  await Promise.all([
    worker({ k6: r.handler }).drain({ now }),
    worker({ k6: r.handler }).drain({ now }),
  ]);
  assert.deepEqual(r.delivered.map((m) => m.id).sort(), [...ids].sort());
});

test("a message whose sender died while delivering is dead-lettered, not sent twice", async () => {
  const r = recorder();
  const id = (await enqueue(scope, { kind: "k7", payload: {} }))!;
  // What a crash between delivery and marking leaves: claimed, attempt counted, not settled.
  const claimedUntil = at(new Date(), 300);
  await database.db.update(outbox).set({
    state: "sending",
    attempts: 1,
    claimedBy: "died",
    claimedUntil,
  }).where(eq(outbox.id, id));
  const w = worker({ k7: r.handler });
  await w.drain({ now: at(claimedUntil, -10) });
  assert.equal((await row(id)).state, "sending", "the claim still holds");
  await w.drain({ now: at(claimedUntil, 1) });
  const after = await row(id);
  assert.equal(after.state, "dead");
  assert.match(after.lastError ?? "", /in doubt/);
  assert.equal(r.delivered.length, 0);
});

test("a handler whose receiver dedupes on the message id gets it again after a crash", async () => {
  const r = recorder();
  const id = (await enqueue(scope, { kind: "k8", payload: {} }))!;
  const claimedUntil = at(new Date(), 300);
  await database.db.update(outbox).set({
    state: "sending",
    attempts: 1,
    claimedBy: "died",
    claimedUntil,
  }).where(eq(outbox.id, id));
  await worker({ k8: { ...r.handler, redeliverInDoubt: true } }).drain({
    now: at(claimedUntil, 1),
  });
  assert.equal((await row(id)).state, "sent");
  assert.deepEqual(r.delivered.map((m) => [m.id, m.attempt]), [[id, 2]]);
});

test("close", async () => {
  await database.drop();
});
