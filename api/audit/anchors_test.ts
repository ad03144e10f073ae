// Signed anchors, as an attacker with write access to the database but without the audit
// key meets them: rewriting entries together with the head, deleting the tail after an
// anchor, and forging or editing an anchor are all named by the verification; the anchoring
// job never signs a chain that does not verify; rotated keys keep old anchors valid.
import assert from "node:assert/strict";
import { and, asc, eq, gte } from "drizzle-orm";
import { auditAnchors, auditHeads, auditLog, type AuditRow } from "../../schema/audit.ts";
import { tenants } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { uuidv7 } from "../db/ids.ts";
import { DEMO_TENANTS } from "../demo.ts";
import { createLogger } from "../log.ts";
import { anchorChain, anchorDueChains, anchorPayload } from "./anchors.ts";
import { appendAudit, GENESIS_HASH, hashEntry } from "./chain.ts";
import { createAuditSigner, generateAuditSigningKey } from "./signing.ts";
import { verifyChain } from "./verify.ts";

const t = await startTestApp();
const db = t.database.db;
const signer = t.auditSigner;

/** A tenant of its own with `n` entries (appended as the system would). */
async function chainOf(n: number): Promise<string> {
  const tenantId = uuidv7();
  await append(tenantId, n);
  return tenantId;
}

async function append(tenantId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await appendAudit(db, {
      tenantId,
      actorType: "system",
      action: "test.anchor",
      targetId: uuidv7(),
      details: { i },
    });
  }
}

async function entries(tenantId: string): Promise<AuditRow[]> {
  return await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))
    .orderBy(asc(auditLog.seq));
}

const verify = (tenantId: string) => verifyChain(db, tenantId, signer);

async function anchor(tenantId: string) {
  const outcome = await anchorChain(db, signer, tenantId);
  assert.equal(outcome.status, "anchored");
  return (outcome as { anchor: typeof auditAnchors.$inferSelect }).anchor;
}

/**
 * What an attacker with database access does: changes entry `seq`, recomputes the hash of
 * it and of every later entry, and moves the head to the new end.
 */
async function rewriteFrom(tenantId: string, seq: number, change: Partial<AuditRow>) {
  const rows = await entries(tenantId);
  let prev = rows.find((r) => r.seq === seq - 1)?.hash ?? GENESIS_HASH;
  for (const row of rows.filter((r) => r.seq >= seq)) {
    const unhashed = { ...row, ...(row.seq === seq ? change : {}), prevHash: prev };
    const hash = await hashEntry(unhashed);
    await db.update(auditLog).set({ ...unhashed, hash }).where(
      and(eq(auditLog.tenantId, tenantId), eq(auditLog.seq, row.seq)),
    );
    prev = hash;
  }
  await db.update(auditHeads).set({ lastSeq: rows.at(-1)!.seq, lastHash: prev })
    .where(eq(auditHeads.tenantId, tenantId));
}

test("an anchor signs the head; anyone with the public key can check it", async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", (line) => void lines.push(JSON.parse(line)));
  const tenantId = await chainOf(5);
  const outcome = await anchorChain(db, signer, tenantId, { logger });
  assert.equal(outcome.status, "anchored");
  const [stored] = await db.select().from(auditAnchors).where(eq(auditAnchors.tenantId, tenantId));
  const last = (await entries(tenantId)).at(-1)!;
  assert.deepEqual([stored.seq, stored.hash, stored.keyId], [5, last.hash, signer.keyId]);
  // The public key alone verifies the signature: an auditor needs no secret.
  const publicKey = await crypto.subtle.importKey(
    "raw",
    Uint8Array.from(
      atob(signer.publicKey.replace(/-/g, "+").replace(/_/g, "/") + "="),
      (c) => c.charCodeAt(0),
    ),
    { name: "Ed25519" },
    false,
    ["verify"],
  );
  const signature = Uint8Array.from(
    atob(stored.signature.replace(/-/g, "+").replace(/_/g, "/") + "=="),
    (c) => c.charCodeAt(0),
  );
  assert.ok(
    await crypto.subtle.verify(
      "Ed25519",
      publicKey,
      signature,
      new TextEncoder().encode(anchorPayload(stored)),
    ),
  );
  // The copy outside the database: the log line carries the whole anchor.
  const logged = lines.find((l) => l.msg === "audit anchor")!;
  assert.deepEqual(
    [logged.tenantId, logged.seq, logged.hash, logged.signature],
    [tenantId, 5, last.hash, stored.signature],
  );

  assert.deepEqual(await anchorChain(db, signer, tenantId), { status: "current" });
  await append(tenantId, 2);
  assert.deepEqual(await verify(tenantId), {
    ok: true,
    count: 7,
    anchoredThrough: 5,
    lastAnchorAt: stored.at.toISOString(),
  });
  assert.equal((await anchor(tenantId)).seq, 7);
  assert.equal((await verify(tenantId)).anchoredThrough, 7);
});

test("rewriting entries together with the head is named by the anchor that covers them", async () => {
  const tenantId = await chainOf(6);
  const first = await anchor(tenantId);
  await append(tenantId, 4);
  const second = await anchor(tenantId);
  assert.equal(second.seq, 10);
  await append(tenantId, 2);

  // Entry 8 changed, every later hash and the head recomputed: the chain itself is sound.
  await rewriteFrom(tenantId, 8, { targetId: uuidv7() });
  const result = await verify(tenantId);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.firstBroken.reason, "anchor-mismatch");
  assert.equal(result.firstBroken.seq, 10, "the anchor that no longer matches");
  assert.match(result.firstBroken.detail, /entries after 6 were rewritten/);
  assert.equal(result.count, 9);
  assert.equal(result.anchoredThrough, first.seq, "the anchor before still holds");

  // Rewriting from the very first entry breaks the first anchor.
  await rewriteFrom(tenantId, 1, { action: "test.rewritten" });
  const again = await verify(tenantId);
  assert.ok(!again.ok);
  assert.deepEqual([again.firstBroken.reason, again.firstBroken.seq], ["anchor-mismatch", 6]);
  assert.equal(again.anchoredThrough, 0);
  // And the anchoring job refuses to sign on top of the rewrite.
  assert.equal((await anchorChain(db, signer, tenantId)).status, "refused");
});

test("deleting the tail after an anchor, head moved back, is named", async () => {
  const tenantId = await chainOf(8);
  const signed = await anchor(tenantId);
  const rows = await entries(tenantId);
  await db.delete(auditLog).where(and(eq(auditLog.tenantId, tenantId), gte(auditLog.seq, 6)));
  await db.update(auditHeads).set({ lastSeq: 5, lastHash: rows[4].hash })
    .where(eq(auditHeads.tenantId, tenantId));
  const result = await verify(tenantId);
  assert.ok(!result.ok);
  assert.deepEqual(
    [result.firstBroken.reason, result.firstBroken.seq, result.firstBroken.id],
    ["missing-entry", 6, null],
  );
  assert.match(
    result.firstBroken.detail,
    new RegExp(`Entries 6–8 are missing: the anchor signed on ${signed.at.toISOString()}`),
  );

  // The whole chain and its head deleted, the anchor left: named too.
  await db.delete(auditLog).where(eq(auditLog.tenantId, tenantId));
  await db.delete(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  const gone = await verify(tenantId);
  assert.ok(!gone.ok);
  assert.deepEqual([gone.firstBroken.reason, gone.firstBroken.seq], ["missing-entry", 1]);
});

test("a forged or edited anchor is named", async () => {
  // The attacker's own key signs an anchor for a rewritten chain, the real anchor removed.
  const tenantId = await chainOf(4);
  const real = await anchor(tenantId);
  await rewriteFrom(tenantId, 2, { targetId: uuidv7() });
  await db.delete(auditAnchors).where(eq(auditAnchors.tenantId, tenantId));
  const attacker = await createAuditSigner(generateAuditSigningKey());
  assert.equal((await anchorChain(db, attacker, tenantId)).status, "anchored");
  const forged = await verify(tenantId);
  assert.ok(!forged.ok);
  assert.deepEqual([forged.firstBroken.reason, forged.firstBroken.seq], ["forged-anchor", 4]);

  // The same with the attacker claiming the server's key id.
  await db.update(auditAnchors).set({ keyId: signer.keyId })
    .where(eq(auditAnchors.tenantId, tenantId));
  assert.equal(
    (await verify(tenantId) as { firstBroken: { reason: string } }).firstBroken.reason,
    "forged-anchor",
  );

  // The real anchor put back but its hash edited to match the rewritten chain.
  const rewritten = (await entries(tenantId)).at(-1)!;
  await db.delete(auditAnchors).where(eq(auditAnchors.tenantId, tenantId));
  await db.insert(auditAnchors).values({ ...real, hash: rewritten.hash });
  const edited = await verify(tenantId);
  assert.ok(!edited.ok);
  assert.deepEqual([edited.firstBroken.reason, edited.firstBroken.seq], ["forged-anchor", 4]);

  // An anchor of another tenant copied over does not verify either (the tenant is signed).
  const other = await chainOf(4);
  const theirs = await anchor(other);
  const copy = await chainOf(4);
  await db.insert(auditAnchors).values({ ...theirs, tenantId: copy });
  const copied = await verify(copy);
  assert.ok(!copied.ok);
  assert.equal(copied.firstBroken.reason, "forged-anchor");
});

test("the anchoring job signs only chains that verify and leaves others alone", async () => {
  const good = await chainOf(3);
  const tampered = await chainOf(3);
  const [victim] = await entries(tampered);
  await db.update(auditLog).set({ action: "test.edited" })
    .where(and(eq(auditLog.tenantId, tampered), eq(auditLog.seq, victim.seq)));
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", (line) => void lines.push(JSON.parse(line)));
  const counts = await anchorDueChains(db, signer, { logger });
  assert.ok(counts.anchored >= 1);
  assert.ok(counts.refused >= 1);
  const anchored = async (tenantId: string) =>
    (await db.select().from(auditAnchors).where(eq(auditAnchors.tenantId, tenantId))).length;
  assert.equal(await anchored(good), 1);
  assert.equal(await anchored(tampered), 0, "a chain that does not verify is not signed");
  const refusal = lines.find((l) => l.tenantId === tampered)!;
  assert.equal(refusal.level, "error");
  assert.equal(refusal.msg, "audit chain not anchored: it does not verify");

  // Nothing new: nothing to do for the good chain.
  await anchorDueChains(db, signer, { logger });
  assert.equal(await anchored(good), 1);
});

test("after a key rotation, anchors of the earlier key still verify when it is listed", async () => {
  const tenantId = await chainOf(3);
  await anchor(tenantId);
  const next = generateAuditSigningKey();
  const rotated = await createAuditSigner(next, [signer.publicKey]);
  await append(tenantId, 2);
  assert.equal((await anchorChain(db, rotated, tenantId)).status, "anchored");
  const result = await verifyChain(db, tenantId, rotated);
  assert.deepEqual([result.ok, result.anchoredThrough], [true, 5]);
  // Without the earlier key listed, its anchor cannot be told from a forged one.
  const forgetful = await verifyChain(db, tenantId, await createAuditSigner(next));
  assert.ok(!forgetful.ok);
  assert.deepEqual([forgetful.firstBroken.reason, forgetful.firstBroken.seq], ["forged-anchor", 3]);
});

test("GET /api/v1/audit/verify reports how far the anchors reach and the public key", async () => {
  const demo = DEMO_TENANTS[0];
  const [{ id: tenantId }] = await db.select({ id: tenants.id }).from(tenants)
    .where(eq(tenants.entraTenantId, demo.entraTenantId));
  const modeler = await t.token("modeler");
  const created = await t.call("POST", "/api/v1/tags", { token: modeler, body: { name: "Anker" } });
  assert.equal(created.status, 201);
  const signed = await anchor(tenantId);
  const res = await t.call("GET", "/api/v1/audit/verify", { token: await t.token("executive") });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    ok: true,
    count: signed.seq,
    anchoredThrough: signed.seq,
    lastAnchorAt: signed.at.toISOString(),
    key: { id: signer.keyId, publicKey: signer.publicKey },
  });
});

test("close", async () => {
  await t.close();
});
