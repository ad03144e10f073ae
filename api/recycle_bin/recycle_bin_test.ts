// The recycle bin through the HTTP API with a real process: delete → in the bin → gone →
// restore → the very same rows; final deletion by an executive and by the scheduler after
// 30 days with its audit entry and deletion record; conflicts; another tenant.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import type { MySqlTable } from "drizzle-orm/mysql-core";
import { DEMO_TENANTS } from "../demo.ts";
import { TenantScope } from "../db/tenant_scope.ts";
import { createLogger } from "../log.ts";
import { loadConfig } from "../config.ts";
import type { PluginDeps, ProcedoPlugin } from "../plugin.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { auditLog } from "../../schema/audit.ts";
import { tenants } from "../../schema/core.ts";
import { recycleBin } from "../../schema/recycle_bin.ts";
import { defaultPlugins } from "../../plugins/mod.ts";
import {
  createProcess,
  createRefs,
  publishOverHttp,
  sampleGraph,
  saveGraph,
} from "../../plugins/processes/draft_fixtures.ts";
import {
  processApprovals,
  processDrafts,
  processes,
  processLinks,
  processSteps,
  processVersions,
} from "../../plugins/processes/schema.ts";
import type { DeletionRecord } from "./service.ts";
import { recycleBinTask } from "./task.ts";
import { createBackground } from "../background.ts";
import { createScheduler } from "../scheduler/scheduler.ts";
import { createTenantVersions } from "../tenant_cache/version.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const executive = await t.token("executive");
const reader = await t.token("reader");
const otherExecutive = await t.token("executive", 1);
const BIN = "/api/v1/recycle-bin";

// deno-lint-ignore no-explicit-any
type Json = any;

const [tenant] = await t.database.db.select({ id: tenants.id }).from(tenants)
  .where(eq(tenants.entraTenantId, DEMO_TENANTS[0].entraTenantId));
const scope = new TenantScope(t.database.db, tenant.id);

/** Every row of the process in each of its tables, in a stable order. */
async function rowsOf(id: string) {
  const byProcess = async (table: MySqlTable & { processId: never }) =>
    sortRows(
      await t.database.db.select().from(table).where(eq(table.processId, id)) as Json[],
    );
  return {
    processes: await t.database.db.select().from(processes).where(eq(processes.id, id)),
    drafts: await byProcess(processDrafts as never),
    versions: await byProcess(processVersions as never),
    approvals: await byProcess(processApprovals as never),
    steps: await byProcess(processSteps as never),
    links: await byProcess(processLinks as never),
  };
}
const sortRows = (rows: Json[]) =>
  rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A published process with a draft, steps and links of both sources. */
async function richProcess(): Promise<string> {
  const id = await createProcess(t, modeler, { description: "Grüße – ünïcödé" });
  await saveGraph(t, modeler, id, sampleGraph(await createRefs(t, modeler)));
  await publishOverHttp(t, id, { requester: modeler, approver: executive });
  return id;
}

function deleteProcess(id: string, token = modeler) {
  return t.call("DELETE", `/api/v1/processes/${id}`, { token, headers: { "if-match": "*" } });
}

async function binEntries(token = modeler, query = ""): Promise<Json[]> {
  const res = await t.call("GET", `${BIN}?limit=200${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).items;
}

test("a deleted process goes to the bin and comes back with exactly the same rows", async () => {
  const id = await richProcess();
  const before = await rowsOf(id);
  assert.ok(before.versions.length && before.steps.length && before.links.length);

  const res = await deleteProcess(id);
  assert.equal(res.status, 204);
  const entryId = res.headers.get("procedo-recycle-bin-id");
  assert.ok(entryId);
  assert.equal((await t.call("GET", `/api/v1/processes/${id}`, { token: modeler })).status, 404);
  const listed = await (await t.call("GET", "/api/v1/processes?limit=200", { token: modeler }))
    .json();
  assert.ok(!listed.items.some((p: Json) => p.id === id));
  assert.deepEqual((await rowsOf(id)).steps, []);

  const entry = (await binEntries(modeler, "&type=process")).find((e) => e.id === entryId);
  assert.equal(entry.objectId, id);
  assert.equal(entry.title, before.processes[0].title);
  assert.equal(entry.counts.processes, 1);
  assert.equal(entry.counts.process_steps, before.steps.length);
  assert.equal(
    Date.parse(entry.purgeAfter) - Date.parse(entry.deletedAt),
    30 * 24 * 3600 * 1000,
  );
  assert.equal((await binEntries(modeler, "&type=orgUnit")).length, 0);
  assert.equal((await t.call("GET", BIN, { token: reader })).status, 403);

  const restored = await t.call("POST", `${BIN}/${entryId}/restore`, { token: modeler });
  assert.equal(restored.status, 200, await restored.clone().text());
  assert.deepEqual(await rowsOf(id), before);
  assert.equal((await t.call("GET", `/api/v1/processes/${id}`, { token: reader })).status, 200);
  assert.ok(!(await binEntries()).some((e) => e.id === entryId), "the entry left the bin");
  const again = await t.call("POST", `${BIN}/${entryId}/restore`, { token: modeler });
  assert.equal(again.status, 404);
});

test("restoring over an id taken meanwhile answers 409 naming it, and changes nothing", async () => {
  const id = await createProcess(t, modeler);
  const before = await rowsOf(id);
  const entryId = (await deleteProcess(id)).headers.get("procedo-recycle-bin-id")!;
  await scope.insert(processes, before.processes[0]);
  const res = await t.call("POST", `${BIN}/${entryId}/restore`, { token: modeler });
  assert.equal(res.status, 409);
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/restore-conflict");
  assert.equal(problem.table, "processes");
  assert.match(problem.detail, new RegExp(id));
  assert.deepEqual((await rowsOf(id)).drafts, [], "the draft was not half restored");
  assert.ok((await binEntries()).some((e) => e.id === entryId), "still in the bin");
});

test("an executive deletes an entry for good at once; a modeler may not", async () => {
  const id = await richProcess();
  const counts = Object.fromEntries(
    Object.entries(await rowsOf(id)).map(([k, rows]) => [k, rows.length]),
  );
  const entryId = (await deleteProcess(id)).headers.get("procedo-recycle-bin-id")!;
  const refused = await t.call("DELETE", `${BIN}/${entryId}`, { token: modeler });
  assert.equal(refused.status, 403);

  const res = await t.call("DELETE", `${BIN}/${entryId}`, { token: executive });
  assert.equal(res.status, 200, await res.clone().text());
  const record = await res.json();
  assert.equal(record.objectId, id);
  assert.equal(record.counts.process_steps, counts.steps);
  assert.equal(record.counts.process_versions, counts.versions);
  assert.ok(record.verification.length > 1);
  assert.ok(record.verification.every((v: Json) => v.remaining === 0));
  assert.notEqual(record.confirmedBy, "scheduler");
  assert.notEqual(record.confirmedBy, record.requestedBy, "modeler asked, executive confirmed");

  const [audit] = await t.database.db.select().from(auditLog).where(and(
    eq(auditLog.action, "recycle-bin.final-deletion"),
    eq(auditLog.targetId, id),
  ));
  assert.equal(audit.tenantId, tenant.id);
  assert.equal(audit.actorType, "user");
  const details = audit.details as Json;
  assert.equal(details.counts.processes, 1);
  assert.equal(details.requestedBy, record.requestedBy);
  assert.equal(details.confirmedBy, record.confirmedBy);
  assert.equal(
    (await t.call("POST", `${BIN}/${entryId}/restore`, { token: executive })).status,
    404,
  );
  assert.equal((await rowsOf(id)).processes.length, 0);

  // The deletion plugin's contribution: a deletion protocol, listed with the others.
  const protocols = await (await t.call("GET", "/api/v1/deletion/protocols?limit=200", {
    token: executive,
  })).json();
  const summary = protocols.items.find((p: Json) => p.jobId === entryId);
  assert.equal(summary.reason, "recycle bin");
  const doc = await (await t.call("GET", summary.jsonUrl)).json();
  assert.equal(doc.verified, true);
  assert.deepEqual(
    doc.deleted.find((d: Json) => d.table === "process_steps").rows,
    counts.steps,
  );
  assert.match(doc.requestedBy, /^p-/);
  assert.match(doc.confirmedBy, /^p-/);
  assert.notEqual(doc.requestedBy, doc.confirmedBy);
  const pdf = await t.call("GET", summary.pdfUrl);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
});

test("the scheduler deletes entries for good after 30 days and hands on the record", async () => {
  const id = await createProcess(t, modeler);
  const entryId = (await deleteProcess(id)).headers.get("procedo-recycle-bin-id")!;
  const records: DeletionRecord[] = [];
  const probe: ProcedoPlugin = {
    name: "probe",
    contributes: {
      "core.deletionRecords": {
        record: (_s: unknown, _d: unknown, r: DeletionRecord) => {
          records.push(r);
          return Promise.resolve();
        },
      },
    },
  };
  const deps: PluginDeps = {
    config: loadConfig({ MODE: "test" }),
    db: t.database.db,
    cache: t.cache,
    plugins: [...defaultPlugins, probe],
  };
  // The core's task, registered with the background work, run by the real scheduler.
  const background = createBackground({ ...deps, plugins: [], logger: createLogger("silent") });
  assert.ok(background.scheduler.tasks.includes(recycleBinTask));
  const scheduler = createScheduler({
    deps,
    tasks: [recycleBinTask],
    versions: createTenantVersions(t.cache),
    logger: createLogger("silent"),
  });
  const run = async (now: Date) => {
    now.setUTCMinutes(23, 0, 0); // the task's minute ("23 * * * *")
    const report = await scheduler.tick(now);
    assert.ok(report.ran.includes(`core.recycle-bin@${tenant.id}`), JSON.stringify(report));
  };
  await run(new Date(Date.now() + 29 * 24 * 3600 * 1000));
  assert.ok(await scope.first(recycleBin, eq(recycleBin.id, entryId)), "not yet after 29 days");
  assert.equal(records.length, 0);

  await run(new Date(Date.now() + 31 * 24 * 3600 * 1000));
  assert.equal(await scope.first(recycleBin, eq(recycleBin.id, entryId)), undefined);
  const record = records.find((r) => r.entryId === entryId)!;
  assert.equal(record.confirmedBy, "scheduler");
  assert.equal(record.objectId, id);
  assert.equal(record.counts.processes, 1);
  assert.ok(record.verification.every((v) => v.remaining === 0));
  const [audit] = await t.database.db.select().from(auditLog).where(and(
    eq(auditLog.action, "recycle-bin.final-deletion"),
    eq(auditLog.targetId, id),
  ));
  assert.equal(audit.actorType, "system");
});

test("another tenant never sees, restores or deletes an entry", async () => {
  const id = await createProcess(t, modeler);
  const entryId = (await deleteProcess(id)).headers.get("procedo-recycle-bin-id")!;
  assert.ok(!(await binEntries(otherExecutive)).some((e) => e.id === entryId));
  const restore = await t.call("POST", `${BIN}/${entryId}/restore`, { token: otherExecutive });
  assert.equal(restore.status, 404);
  const purge = await t.call("DELETE", `${BIN}/${entryId}`, { token: otherExecutive });
  assert.equal(purge.status, 404);
  assert.ok((await binEntries()).some((e) => e.id === entryId));
  const where = await t.call("GET", `${BIN}/where-used?type=process&id=${id}`, {
    token: otherExecutive,
  });
  assert.equal(where.status, 404);
});

test("the where-used preview names child processes; unknown types answer 422", async () => {
  const parent = await createProcess(t, modeler, { title: "Parent for where-used" });
  const child = await createProcess(t, modeler, {
    title: "Child for where-used",
    parentId: parent,
  });
  const res = await t.call("GET", `${BIN}/where-used?type=process&id=${parent}`, {
    token: modeler,
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.deepEqual((await res.json()).items, [
    { type: "process", id: child, title: "Child for where-used" },
  ]);
  const bad = await t.call("GET", `${BIN}/where-used?type=spaceship&id=${parent}`, {
    token: modeler,
  });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).errors[0].field, "query.type");
});

test("a child process whose parent was deleted too comes back only after its parent", async () => {
  const parent = await createProcess(t, modeler, { title: "Bin parent process" });
  const child = await createProcess(t, modeler, { title: "Bin child process", parentId: parent });
  const childEntry = (await deleteProcess(child)).headers.get("procedo-recycle-bin-id")!;
  const parentEntry = (await deleteProcess(parent)).headers.get("procedo-recycle-bin-id")!;
  const refused = await t.call("POST", `${BIN}/${childEntry}/restore`, { token: modeler });
  assert.equal(refused.status, 409);
  const problem = await refused.json();
  assert.equal(problem.key, "parent_id");
  assert.equal(problem.value, parent);
  assert.match(problem.detail, /parent process/);
  assert.equal((await rowsOf(child)).processes.length, 0);
  const parentBack = await t.call("POST", `${BIN}/${parentEntry}/restore`, { token: modeler });
  assert.equal(parentBack.status, 200);
  const childBack = await t.call("POST", `${BIN}/${childEntry}/restore`, { token: modeler });
  assert.equal(childBack.status, 200);
  const got = await (await t.call("GET", `/api/v1/processes/${child}`, { token: reader })).json();
  assert.equal(got.parentId, parent);
});

test("erasing a person replaces their name in bin entries quoting it", async () => {
  const employee = await t.call("POST", "/api/v1/orgchart/employees", {
    token: modeler,
    body: { name: "Gerda Binfield", email: "gerda.binfield@example.com" },
  });
  assert.equal(employee.status, 201, await employee.clone().text());
  const employeeId = (await employee.json()).id;
  const doc = await t.call("POST", "/api/v1/resources/documents", {
    token: modeler,
    body: { title: "Checklist by Gerda Binfield", url: "https://contoso.example/checklist.pdf" },
  });
  assert.equal(doc.status, 201, await doc.clone().text());
  const docId = (await doc.json()).id;
  const deleted = await t.call("DELETE", `/api/v1/resources/documents/${docId}`, {
    token: modeler,
  });
  const entryId = deleted.headers.get("procedo-recycle-bin-id")!;

  const erased = await t.call("POST", "/api/v1/deletion/people/erase", {
    token: executive,
    body: { kind: "employee", id: employeeId, confirm: true },
  });
  assert.equal(erased.status, 200, await erased.clone().text());
  const summary = await erased.json();
  assert.ok(summary.hooks.includes("recycle-bin"));
  assert.deepEqual(
    summary.changed.find((c: Json) => c.table === "recycle_bin"),
    { table: "recycle_bin", rows: 1 },
  );
  const [entry] = await scope.select(recycleBin, { where: eq(recycleBin.id, entryId) });
  assert.doesNotMatch(entry.title, /Gerda Binfield/);
  assert.doesNotMatch(JSON.stringify(entry.rows), /Gerda Binfield/);
  const restored = await t.call("POST", `${BIN}/${entryId}/restore`, { token: modeler });
  assert.equal(restored.status, 200, await restored.clone().text());
  const back = await (await t.call("GET", `/api/v1/resources/documents/${docId}`, {
    token: reader,
  })).json();
  assert.doesNotMatch(back.title, /Gerda Binfield/);
  assert.match(back.title, /^Checklist by /);
});
