// The tenant archive against a real MariaDB with both demo tenants seeded and a test plugin
// with a table of its own: export → import → export gives the same tables, row counts and
// content; BPMN files parse; the audit chain verifies offline; a tampered archive, a newer
// schema or a failure halfway leave nothing behind; another tenant's rows never appear.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { unzipSync, zipSync } from "fflate";
import { auditLog } from "../../schema/audit.ts";
import { tenants } from "../../schema/core.ts";
import { allTables } from "../../schema/mod.ts";
import { appendAudit, hashEntry } from "../audit/chain.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { resultRows } from "../db/migrate.ts";
import { tableName } from "../plugin.ts";
import { createModdle } from "../../plugins/processes/bpmn_moddle.ts";
import { test } from "../../tests/support/app.ts";
import { ArchiveError, importTenantArchive, type Manifest, writeTenantArchive } from "./mod.ts";
import { columnsOf, describeTable, rowFromJson, tablePages } from "./tables.ts";
import { processLinks } from "../../plugins/processes/schema.ts";
import { archiveDeps, notes, tenantIds } from "./test_support.ts";

const deps = await archiveDeps();
const { a, b } = await tenantIds(deps);
const decoder = new TextDecoder();

for (const [tenantId, n] of [[a, 3], [b, 2]] as const) {
  const scope = new TenantScope(deps.db, tenantId);
  for (let i = 0; i < n; i++) {
    await scope.insert(notes, {
      id: crypto.randomUUID(),
      body: `Note ${i} of ${tenantId} — ümlaut ✓`,
      data: { n: i, tags: ["x", "y"] },
      payload: new Uint8Array([0, 1, 2, 255, i]),
      writtenAt: new Date(Date.UTC(2026, 0, 1 + i, 12, 30, 15, 123)),
    });
    await appendAudit(deps.db, { tenantId, actorType: "system", action: `notes.write.${i}` });
  }
}

const settings = { processes: { fourEyes: false }, collaboration: { digest: "weekly" } };
await deps.db.update(tenants).set({ settings, settingsVersion: 3 }).where(eq(tenants.id, a));

async function exportOf(tenantId: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeTenantArchive(
    deps,
    tenantId,
    new WritableStream({ write: (c) => void chunks.push(c) }),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.length) - c.length);
  return out;
}

const filesOf = (zip: Uint8Array) =>
  new Map(Object.entries(unzipSync(zip)).map(([k, v]) => [k, decoder.decode(v)]));
const manifestOf = (files: Map<string, string>) =>
  JSON.parse(files.get("manifest.json")!) as Manifest;
const linesOf = (text: string) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l));

/** A table file's rows with the tenant id replaced and in a stable order. */
const canonical = (text: string) =>
  linesOf(text).map((r) => JSON.stringify({ ...r, tenant_id: "T" })).sort();

/** Rows of every tenant other than `known` in every table with a tenant_id column. */
async function strayRows(known: string[]): Promise<number> {
  let n = 0;
  for (const table of Object.values(allTables([...deps.plugins]))) {
    const name = tableName(table);
    const rows = resultRows<{ n: number }>(
      await deps.db.execute(
        sql`SELECT COUNT(*) AS n FROM ${sql.identifier(name)} WHERE tenant_id NOT IN (${
          sql.join(known.map((k) => sql`${k}`), sql`, `)
        })`,
      ).catch(() => [[{ n: 0 }]]),
    );
    n += Number(rows[0].n);
  }
  return n;
}

/** The archive with `change` applied to its files, zipped again (the manifest as it was). */
function rezip(zip: Uint8Array, change: (files: Record<string, Uint8Array>) => void) {
  const files = unzipSync(zip);
  change(files);
  return zipSync(files);
}

const first = await exportOf(a);
const firstFiles = filesOf(first);

test("export → import → export gives the same tables, row counts and content", async () => {
  // From a stream, as an upload would arrive.
  const { tenantId: c } = await importTenantArchive(
    deps,
    new Blob([first as Uint8Array<ArrayBuffer>]).stream(),
    {
      name: "Imported copy",
      entraTenantId: crypto.randomUUID(),
    },
  );
  assert.notEqual(c, a);
  const again = filesOf(await exportOf(c));
  const m1 = manifestOf(firstFiles);
  const m2 = manifestOf(again);
  assert.deepEqual(m2.tables.map((t) => t.table), m1.tables.map((t) => t.table));
  assert.ok(m1.tables.some((t) => t.table === "archive_notes"), "the test plugin's table");
  let compared = 0;
  for (const [i, t] of m1.tables.entries()) {
    if (!t.restored) {
      assert.equal(m2.tables[i].rows, 0, `${t.table} is not restored`);
      continue;
    }
    assert.equal(m2.tables[i].rows, t.rows, `${t.table}: row count`);
    assert.deepEqual(
      canonical(again.get(t.file)!),
      canonical(firstFiles.get(t.file)!),
      `${t.table}: content`,
    );
    if (t.rows) compared++;
  }
  assert.ok(compared >= 10, `tables with rows compared: ${compared}`);
  assert.equal(m1.tables.find((t) => t.table === "archive_notes")!.rows, 3);
  assert.equal(m2.tenant.name, "Imported copy");

  const bpmn = (files: Map<string, string>) =>
    [...files.keys()].filter((p) => p.startsWith("bpmn/"));
  assert.ok(bpmn(firstFiles).length >= 2, "the demo tenant's published versions");
  assert.deepEqual(bpmn(again), bpmn(firstFiles));
  for (const path of bpmn(firstFiles)) {
    assert.match(path, /^bpmn\/[0-9a-f-]{36}\/v\d+\.bpmn$/);
    const { rootElement } = await createModdle().fromXML(firstFiles.get(path)!);
    assert.equal(rootElement.$type, "bpmn:Definitions", path);
  }
  assert.ok(firstFiles.has("files/ai/ai-results.json"), "a plugin's FileExporter");

  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, c));
  assert.equal(tenant.status, "active");
  assert.deepEqual(tenant.settings, settings);
  assert.equal(tenant.settingsVersion, 3);
  // The new tenant's chain starts with one entry linking it to the archived chain's end.
  const entries = await new TenantScope(deps.db, c).select(auditLog);
  assert.equal(entries.length, 1);
  const archived = linesOf(firstFiles.get("audit.jsonl")!);
  const last = archived[archived.length - 1];
  assert.deepEqual(entries[0].details.sourceAuditHead, { seq: last.seq, hash: last.hash });
  // The test plugin's binary, JSON and date columns came back as they were.
  const copied = await new TenantScope(deps.db, c).select(notes, { orderBy: [notes.writtenAt] });
  assert.deepEqual([...copied[2].payload!], [0, 1, 2, 255, 2]);
  assert.deepEqual(copied[1].data, { n: 1, tags: ["x", "y"] });
  assert.equal(copied[0].writtenAt.toISOString(), "2026-01-01T12:30:15.123Z");
});

test("the archived audit trail verifies offline from its hashes", async () => {
  const rows = linesOf(firstFiles.get("audit.jsonl")!);
  assert.ok(rows.length >= 3);
  let prev = "0".repeat(64);
  for (const json of rows) {
    const row = rowFromJson(columnsOf(auditLog), json) as typeof auditLog.$inferSelect;
    assert.equal(row.prevHash, prev, `entry ${row.seq} links to the one before`);
    const { hash, ...unhashed } = row;
    assert.equal(await hashEntry(unhashed), hash, `entry ${row.seq}`);
    prev = hash;
  }
});

test("keyset pages over a six-column key return every row exactly once", async () => {
  const scope = new TenantScope(deps.db, a);
  const t = describeTable(processLinks);
  assert.equal(t.key.length, 6);
  const all = await scope.select(processLinks);
  assert.ok(all.length > 50, `${all.length} links`);
  const paged: string[] = [];
  for await (const page of tablePages(scope, t, 7)) {
    assert.ok(page.length <= 7);
    for (const r of page) paged.push(t.key.map((c) => String(r[keyOf(t, c)])).join("|"));
  }
  const expected = all.map((r) =>
    t.key.map((c) => String((r as Record<string, unknown>)[keyOf(t, c)])).join("|")
  );
  assert.equal(paged.length, all.length);
  assert.equal(new Set(paged).size, paged.length);
  assert.deepEqual([...paged].sort(), expected.sort());
});

const keyOf = (t: ReturnType<typeof describeTable>, c: unknown) =>
  t.columns.find(([, col]) => col === c)![0];

test("another tenant's rows never appear in an archive", () => {
  assert.equal(manifestOf(firstFiles).tenant.id, a);
  for (const [path, text] of firstFiles) {
    assert.ok(!text.includes(b), `${path} names the other tenant`);
    if (path.endsWith(".jsonl")) {
      for (const row of linesOf(text)) assert.equal(row.tenant_id, a, path);
    }
  }
  assert.ok(!firstFiles.get("tables/archive_notes.jsonl")!.includes(`of ${b}`));
});

test("a tampered archive is refused naming the file, and nothing is written", async () => {
  const before = await deps.db.select({ id: tenants.id }).from(tenants);
  const tampered = rezip(first, (files) => {
    const text = decoder.decode(files["tables/archive_notes.jsonl"]);
    files["tables/archive_notes.jsonl"] = new TextEncoder().encode(
      text.replace("Note 1", "Note X"),
    );
  });
  await assert.rejects(
    importTenantArchive(deps, tampered, { entraTenantId: crypto.randomUUID() }),
    (e: Error) =>
      e instanceof ArchiveError && /tables\/archive_notes\.jsonl does not match/.test(e.message),
  );
  const extra = rezip(first, (files) => void (files["tables/extra.jsonl"] = new Uint8Array(1)));
  await assert.rejects(
    importTenantArchive(deps, extra, { entraTenantId: crypto.randomUUID() }),
    /tables\/extra\.jsonl is not listed in manifest\.json/,
  );
  assert.equal((await deps.db.select({ id: tenants.id }).from(tenants)).length, before.length);
});

test("an archive of a newer schema is refused", async () => {
  const newer = rezip(first, (files) => {
    const m = JSON.parse(decoder.decode(files["manifest.json"]));
    files["manifest.json"] = new TextEncoder().encode(
      JSON.stringify({ ...m, schemaVersion: "9999_from_the_future" }),
    );
  });
  await assert.rejects(
    importTenantArchive(deps, newer, { entraTenantId: crypto.randomUUID() }),
    /newer schema \(9999_from_the_future\)/,
  );
});

test("an import failing halfway removes the new tenant and all its rows", async () => {
  const known = (await deps.db.select({ id: tenants.id }).from(tenants)).map((t) => t.id);
  // A duplicate row in the last table (checksums made to match): every table before it
  // is already in when the insert fails.
  const broken = rewrite(first, "tables/users.jsonl", (text) => text + text.split("\n")[0] + "\n");
  await assert.rejects(
    importTenantArchive(deps, broken, { entraTenantId: crypto.randomUUID() }),
    (e: Error) => /Duplicate entry/.test(`${e.message} ${(e.cause as Error)?.message}`),
  );
  const after = (await deps.db.select({ id: tenants.id }).from(tenants)).map((t) => t.id);
  assert.deepEqual(after.sort(), known.sort());
  assert.equal(await strayRows(known), 0);
});

test("a line naming another tenant lands in the new tenant only", async () => {
  const bNotes = await new TenantScope(deps.db, b).count(notes);
  const forged = rewrite(
    first,
    "tables/archive_notes.jsonl",
    (text) =>
      text + JSON.stringify({ ...linesOf(text)[0], tenant_id: b, id: crypto.randomUUID() }) + "\n",
  );
  const { tenantId } = await importTenantArchive(deps, forged, {
    entraTenantId: crypto.randomUUID(),
  });
  assert.equal(await new TenantScope(deps.db, b).count(notes), bNotes);
  assert.equal(await new TenantScope(deps.db, tenantId).count(notes), 4);
});

test("the archived tenant's Entra tenant id is not taken twice", async () => {
  await assert.rejects(importTenantArchive(deps, first), /already belongs to tenant/);
});

test("ids may stay: every unique index of a tenant table starts with tenant_id, no foreign keys", async () => {
  const rows = resultRows<{ table_name: string; index_name: string; first: string }>(
    await deps.db.execute(sql`
      SELECT s.TABLE_NAME AS table_name, s.INDEX_NAME AS index_name, s.COLUMN_NAME AS first
      FROM information_schema.STATISTICS s
      WHERE s.TABLE_SCHEMA = DATABASE() AND s.NON_UNIQUE = 0 AND s.SEQ_IN_INDEX = 1
        AND EXISTS (SELECT 1 FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE()
          AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = 'tenant_id')`),
  );
  assert.ok(rows.length > 10);
  for (const r of rows) assert.equal(r.first, "tenant_id", `${r.table_name}.${r.index_name}`);
  // Without foreign keys the order tables are imported in cannot matter.
  const fks = resultRows<{ n: number }>(
    await deps.db.execute(sql`SELECT COUNT(*) AS n FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE CONSTRAINT_SCHEMA = DATABASE()`),
  );
  assert.equal(Number(fks[0].n), 0);
});

/** The archive with one table file rewritten and the manifest made to match it. */
function rewrite(zip: Uint8Array, path: string, change: (text: string) => string) {
  return rezip(zip, (files) => {
    const text = change(decoder.decode(files[path]));
    files[path] = new TextEncoder().encode(text);
    const m = JSON.parse(decoder.decode(files["manifest.json"])) as Manifest;
    const entry = m.tables.find((t) => t.file === path)!;
    entry.rows = linesOf(text).length;
    entry.sha256 = sha256Hex(files[path]);
    files["manifest.json"] = new TextEncoder().encode(JSON.stringify(m));
  });
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
