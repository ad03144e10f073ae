// Erasing a person is derived from the contract: a plugin known only to this test marks a
// column as personal data and keeps a copy of a user's name there. Its onPersonErase hook is
// called in the erasure's transaction and counted in the protocol; the verification searches
// its column (a copy the hook leaves is reported); a failing hook leaves nothing half-written.
import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn } from "../../api/db/columns.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ErasedPerson, ProcedoPlugin } from "../../api/plugin.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { users } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { defaultPlugins } from "../mod.ts";
import { deletionProtocols } from "./schema.ts";
import { depsOf, newWorkspace, type Workspace } from "./test_support.ts";

const probeCards = mysqlTable("erase_probe_cards", {
  tenantId: tenantIdColumn(),
  id: idColumn("id"),
  ownerId: varchar("owner_id", { length: 36 }).notNull(),
  ownerName: varchar("owner_name", { length: 200 }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

const calls: ErasedPerson[] = [];
let failing = false;
const probePlugin: ProcedoPlugin = {
  name: "erase-probe",
  tables: { probeCards },
  personalData: { erase_probe_cards: ["owner_name"] },
  onPersonErase: async ({ scope, person }) => {
    calls.push(person);
    const n = await scope.update(
      probeCards,
      { ownerName: person.pseudonym },
      eq(probeCards.ownerId, person.id),
    );
    if (failing) throw new Error("the probe fails");
    return { erase_probe_cards: n };
  },
};

const plugins = [...defaultPlugins, probePlugin];
const t = await startTestApp({ plugins });
const deps = depsOf(t, plugins);
await t.database.db.execute(sql.raw(
  "create table erase_probe_cards (tenant_id varchar(36) not null, id varchar(36) not null, " +
    "owner_id varchar(36) not null, owner_name varchar(200) not null, primary key (tenant_id, id))",
));

async function readerOf(w: Workspace) {
  const me = await (await t.call("GET", "/api/v1/users/me", { token: await w.token("reader") }))
    .json();
  const scope = new TenantScope(t.database.db, w.id);
  return (await scope.first(users, eq(users.id, me.user.id)))!;
}

const erase = async (w: Workspace, id: string) =>
  await t.call("POST", "/api/v1/deletion/people/erase", {
    token: await w.token("executive"),
    body: { kind: "user", id, confirm: true },
  });

test("a plugin's hook runs and its marked column is verified", async () => {
  const w = await newWorkspace(t, deps);
  const reader = await readerOf(w);
  const scope = new TenantScope(t.database.db, w.id);
  await scope.insert(probeCards, {
    id: crypto.randomUUID(),
    ownerId: reader.id,
    ownerName: reader.displayName,
  });

  const res = await erase(w, reader.id);
  assert.equal(res.status, 200, await res.clone().text());
  const summary = await res.json();
  const call = calls.at(-1)!;
  assert.deepEqual(
    { kind: call.kind, id: call.id, pseudonym: call.pseudonym },
    { kind: "user", id: reader.id, pseudonym: summary.person.displayName },
  );
  assert.ok(call.former.includes(reader.displayName));
  assert.ok(summary.hooks.includes("erase-probe"));
  assert.deepEqual(
    summary.changed.find((c: { table: string }) => c.table === "erase_probe_cards"),
    { table: "erase_probe_cards", rows: 1 },
  );
  assert.deepEqual(
    summary.verification.find((v: { table: string }) => v.table === "erase_probe_cards.owner_name"),
    { table: "erase_probe_cards.owner_name", remaining: 0 },
  );
  assert.equal(summary.verified, true);
  const [card] = await scope.select(probeCards);
  assert.equal(card.ownerName, summary.person.displayName);
});

test("a copy the hooks leave is reported by the verification", async () => {
  const w = await newWorkspace(t, deps);
  const reader = await readerOf(w);
  const scope = new TenantScope(t.database.db, w.id);
  // Someone else's card that quotes the name: the probe's hook only looks at its owner.
  await scope.insert(probeCards, {
    id: crypto.randomUUID(),
    ownerId: crypto.randomUUID(),
    ownerName: `Deputy of ${reader.displayName}`,
  });
  const res = await erase(w, reader.id);
  assert.equal(res.status, 200);
  const summary = await res.json();
  assert.equal(summary.verified, false);
  assert.deepEqual(
    summary.verification.filter((v: { remaining: number }) => v.remaining > 0),
    [{ table: "erase_probe_cards.owner_name", remaining: 1 }],
  );
});

test("a failing hook leaves nothing half-written", async () => {
  const w = await newWorkspace(t, deps);
  const reader = await readerOf(w);
  const scope = new TenantScope(t.database.db, w.id);
  await scope.insert(probeCards, {
    id: crypto.randomUUID(),
    ownerId: reader.id,
    ownerName: reader.displayName,
  });
  const protocols = () =>
    new TenantScope(t.database.db, SYSTEM_TENANT_ID).count(
      deletionProtocols,
      eq(deletionProtocols.subjectTenantId, w.id),
    );
  failing = true;
  try {
    const res = await erase(w, reader.id);
    assert.equal(res.status, 500);
    await res.body?.cancel();
  } finally {
    failing = false;
  }
  assert.deepEqual(await scope.first(users, eq(users.id, reader.id)), reader);
  const [card] = await scope.select(probeCards);
  assert.equal(card.ownerName, reader.displayName);
  assert.equal(await protocols(), 0);
});
