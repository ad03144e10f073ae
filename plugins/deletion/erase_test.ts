// Erasing a person through the API: an employee holding a position with responsibilities
// (the position keeps them), a user who commented (the comment stays, pseudonymous), the
// former values gone from every table of the workspace, the audit chains verifying, the
// protocol listed and downloadable, validation, who may erase, and another tenant untouched.
import assert from "node:assert/strict";
import { eq, gt } from "drizzle-orm";
import { verifyChain } from "../../api/audit/verify.ts";
import { TenantScope } from "../../api/db/tenant_scope.ts";
import { auditLog } from "../../schema/audit.ts";
import { SYSTEM_TENANT_ID } from "../../schema/background.ts";
import { tenants, users } from "../../schema/core.ts";
import { startTestApp, test } from "../../tests/support/app.ts";
import { aiResults } from "../ai/schema.ts";
import { comments } from "../collaboration/schema.ts";
import { employeePositions, employees } from "../orgchart/schema.ts";
import { processes } from "../processes/schema.ts";
import { ProblemError } from "../../api/problem.ts";
import { tenantIdTables } from "./catalogue.ts";
import { erasePerson } from "./erase.ts";
import { depsOf, fingerprint, newWorkspace, type Workspace } from "./test_support.ts";

const t = await startTestApp();
const deps = depsOf(t);
const ERASE = "/api/v1/deletion/people/erase";

const erase = async (token: string, body: unknown) => await t.call("POST", ERASE, { token, body });

async function otherTenantId() {
  const rows = await t.database.db.select().from(tenants);
  return rows.find((r) => r.name.startsWith("Fabrikam"))!.id;
}

/** Tables of the workspace whose rows (any column, as JSON) still contain one of `values`. */
async function holding(tenantId: string, values: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of await tenantIdTables(t.database.db)) {
    const [rows] = await t.database.db.execute(
      `select * from \`${table}\` where tenant_id = '${tenantId}'`,
    ) as unknown as [Record<string, unknown>[]];
    const n = rows.filter((r) => {
      const text = JSON.stringify(r).toLowerCase();
      return values.some((v) => text.includes(v.toLowerCase()));
    }).length;
    if (n) found[table] = n;
  }
  return found;
}

async function chainsVerify(tenantId: string) {
  for (const id of [tenantId, SYSTEM_TENANT_ID]) {
    const result = await verifyChain(t.database.db, id, t.auditSigner);
    assert.ok(result.ok, `chain of ${id}: ${JSON.stringify(result)}`);
  }
}

async function userId(w: Workspace, role: "executive" | "modeler" | "reader") {
  const me = await t.call("GET", "/api/v1/users/me", { token: await w.token(role) });
  return (await me.json()).user.id as string;
}

test("an erased employee is gone from every table; the position keeps its responsibilities", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const scope = new TenantScope(t.database.db, w.id);
  // A sample employee holding a position that is responsible for process steps.
  let target: { employeeId: string; positionId: string; before: unknown } | undefined;
  for (const h of await scope.select(employeePositions)) {
    const res = await t.call(
      "GET",
      `/api/v1/processes/responsibilities?positionId=${h.positionId}`,
      { token: exec },
    );
    const page = await res.json();
    if (page.total > 0) {
      target = { employeeId: h.employeeId, positionId: h.positionId, before: page };
      break;
    }
  }
  assert.ok(target, "a sample employee holds a position with responsibilities");
  const person = (await scope.first(employees, eq(employees.id, target.employeeId)))!;
  const former = [person.name, person.email!, person.phone!];
  // An AI answer quoting the employee (answers are shown with the placeholders restored).
  await scope.insert(aiResults, {
    id: crypto.randomUUID(),
    feature: "summary",
    engine: "rules",
    source: "text",
    output: { summary: `Ask ${person.name} (${person.email}) before approving.` },
    userId: await userId(w, "modeler"),
    createdAt: new Date(),
  });
  assert.deepEqual(Object.keys(await holding(w.id, former)).sort(), ["ai_results", "employees"]);
  const other = await otherTenantId();
  const otherBefore = await fingerprint(t, other);

  const res = await erase(exec, { kind: "employee", id: target.employeeId, confirm: true });
  assert.equal(res.status, 200, await res.clone().text());
  const summary = await res.json();
  assert.equal(summary.verified, true);
  assert.ok(summary.verification.length > 5);
  assert.ok(summary.verification.every((v: { remaining: number }) => v.remaining === 0));
  assert.ok(summary.verification.some((v: { table: string }) => v.table === "audit_log.details"));
  assert.ok(summary.hooks.includes("orgchart"));
  assert.deepEqual(
    summary.changed.find((c: { table: string }) => c.table === "ai_results"),
    { table: "ai_results", rows: 1 },
  );
  assert.deepEqual(
    summary.changed.find((c: { table: string }) => c.table === "employee_positions")?.rows > 0,
    true,
  );
  assert.match(summary.person.displayName, /^Former employee [0-9a-f]{6}$/);
  assert.match(summary.person.pseudonym, /^p-[0-9a-f]{20}$/);

  // The row stays, anonymised; its holdings are gone; the position keeps its duties.
  const after = (await scope.first(employees, eq(employees.id, target.employeeId)))!;
  assert.equal(after.name, summary.person.displayName);
  assert.equal(after.nameKey, summary.person.displayName.toLowerCase());
  assert.equal(after.email, null);
  assert.equal(after.phone, null);
  assert.equal(after.location, null);
  assert.equal(after.externalKey, null);
  assert.equal(
    await scope.count(employeePositions, eq(employeePositions.employeeId, target.employeeId)),
    0,
  );
  const responsibilities = await t.call(
    "GET",
    `/api/v1/processes/responsibilities?positionId=${target.positionId}`,
    { token: exec },
  );
  assert.deepEqual(await responsibilities.json(), target.before);
  // Nowhere in the workspace, in no column of any table (the audit trail included).
  assert.deepEqual(await holding(w.id, former), {});
  const [answer] = await scope.select(aiResults);
  assert.equal(
    answer.output.summary,
    `Ask ${summary.person.displayName} (${summary.person.displayName}) before approving.`,
  );
  await chainsVerify(w.id);
  const [entry] = await scope.select(auditLog, { where: eq(auditLog.action, "deletion.erase") });
  assert.equal(entry.targetId, summary.id);
  assert.deepEqual(entry.details, {
    kind: "employee",
    personId: target.employeeId,
    protocolId: summary.id,
    sha256: summary.sha256,
  });
  assert.deepEqual(await fingerprint(t, other), otherBefore, "the other tenant is untouched");

  // Listed with the other protocols; the signed JSON holds ids and the pseudonym only.
  const list = await (await t.call("GET", "/api/v1/deletion/protocols", { token: exec })).json();
  const listed = list.items.find((p: { id: string }) => p.id === summary.id);
  assert.equal(listed.reason, "person erasure");
  assert.equal(listed.sha256, summary.sha256);
  const doc = await (await t.call(
    "GET",
    new URL(summary.jsonUrl, "http://x").pathname +
      new URL(summary.jsonUrl, "http://x").search,
  )).json();
  assert.equal(doc.method, "anonymised");
  assert.equal(doc.person.id, target.employeeId);
  assert.ok(!former.some((v) => JSON.stringify(doc).includes(v)));
  const pdf = await t.call(
    "GET",
    new URL(summary.pdfUrl, "http://x").pathname +
      new URL(summary.pdfUrl, "http://x").search,
  );
  assert.equal(pdf.status, 200);
  await pdf.body?.cancel();

  // Erased once: a second time is a conflict.
  const again = await erase(exec, { kind: "employee", id: target.employeeId, confirm: true });
  assert.equal(again.status, 409);
  assert.equal((await again.json()).type, "https://procedo.app/problems/already-erased");
});

test("an erased user's comments stay with the pseudonym; mentions and inbox go", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const readerId = await userId(w, "reader");
  const scope = new TenantScope(t.database.db, w.id);
  const reader = (await scope.first(users, eq(users.id, readerId)))!;
  const [process] = await scope.select(processes, { where: gt(processes.publishedVersion, 0) });
  assert.ok(process, "a published sample process");
  const own = await t.call("POST", "/api/v1/collaboration/comments", {
    token: await w.token("reader"),
    body: { processId: process.id, body: "This step needs a checklist." },
  });
  assert.equal(own.status, 201, await own.clone().text());
  const commentId = (await own.json()).id;
  const mention = await t.call("POST", "/api/v1/collaboration/comments", {
    token: await w.token("modeler"),
    body: { processId: process.id, body: `Agreed, @[${reader.displayName}](${readerId}).` },
  });
  assert.equal(mention.status, 201, await mention.clone().text());
  const mentionId = (await mention.json()).id;
  const quote = await t.call("POST", "/api/v1/collaboration/comments", {
    token: exec,
    body: { processId: process.id, body: `Thanks, ${reader.displayName}!` },
  });
  assert.equal(quote.status, 201, await quote.clone().text());
  const quoteId = (await quote.json()).id;
  assert.ok(Object.keys(await holding(w.id, [reader.displayName])).length > 1);

  const res = await erase(exec, { kind: "user", id: readerId, confirm: true });
  assert.equal(res.status, 200, await res.clone().text());
  const summary = await res.json();
  assert.equal(summary.verified, true, JSON.stringify(summary.verification));
  const pseudonym = summary.person.displayName;
  assert.match(pseudonym, /^Former user [0-9a-f]{6}$/);

  const row = (await scope.first(users, eq(users.id, readerId)))!;
  assert.equal(row.displayName, pseudonym);
  assert.equal(row.active, 0);
  assert.notEqual(row.oid, reader.oid);
  // The comment stays, by the same id, shown with the pseudonym.
  const thread = await (await t.call("GET", `/api/v1/collaboration/comments/${commentId}`, {
    token: exec,
  })).json();
  assert.equal(thread.body, "This step needs a checklist.");
  assert.equal(JSON.stringify(thread).includes(reader.displayName), false);
  assert.ok(JSON.stringify(thread).includes(pseudonym), JSON.stringify(thread));
  const mentioning = (await scope.first(comments, eq(comments.id, mentionId)))!;
  assert.equal(mentioning.body, `Agreed, @${pseudonym}.`);
  assert.deepEqual(mentioning.mentions, []);
  // A name typed as plain text is replaced too (the comment's version moves on).
  const quoting = (await scope.first(comments, eq(comments.id, quoteId)))!;
  assert.equal(quoting.body, `Thanks, ${pseudonym}!`);
  assert.equal(quoting.version, 2);
  assert.deepEqual(await holding(w.id, [reader.displayName]), {});
  await chainsVerify(w.id);

  // The old sign-in no longer reaches the erased row: it joins as someone new.
  const me = await t.call("GET", "/api/v1/users/me", { token: await w.token("reader") });
  assert.equal(me.status, 200);
  assert.notEqual((await me.json()).user.id, readerId);
});

test("bad input names the field; unknown and other tenants' people are 404", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const cases: [unknown, string][] = [
    [{ kind: "employee", id: crypto.randomUUID(), confirm: false }, "body.confirm"],
    [{ kind: "robot", id: crypto.randomUUID(), confirm: true }, "body.kind"],
    [{ kind: "user", id: "42", confirm: true }, "body.id"],
  ];
  for (const [body, field] of cases) {
    const res = await erase(exec, body);
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.match(res.headers.get("content-type")!, /problem\+json/);
    const problem = await res.json();
    assert.ok(problem.errors.some((e: { field: string }) => e.field === field), field);
  }
  const unknown = await erase(exec, { kind: "employee", id: crypto.randomUUID(), confirm: true });
  assert.equal(unknown.status, 404);
  const [foreign] = await new TenantScope(t.database.db, await otherTenantId()).select(employees);
  const before = await fingerprint(t, await otherTenantId());
  const res = await erase(exec, { kind: "employee", id: foreign.id, confirm: true });
  assert.equal(res.status, 404);
  assert.equal((await res.json()).type, "https://procedo.app/problems/not-found");
  assert.deepEqual(await fingerprint(t, await otherTenantId()), before);
});

test("only executives erase, never themselves, never through an API key", async () => {
  const w = await newWorkspace(t, deps);
  const execId = await userId(w, "executive");
  const readerId = await userId(w, "reader");
  const body = { kind: "user", id: readerId, confirm: true };
  for (const role of ["reader", "modeler"] as const) {
    const res = await erase(await w.token(role), body);
    assert.equal(res.status, 403);
    assert.equal((await res.json()).type, "https://procedo.app/problems/role-required");
  }
  const created = await t.call("POST", "/api/v1/api-keys", {
    token: await w.token("executive"),
    body: { name: "ci", role: "executive", expiresAt: new Date(Date.now() + 86_400_000) },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const byKey = await erase((await created.json()).key, body);
  assert.equal(byKey.status, 403);
  assert.equal((await byKey.json()).type, "https://procedo.app/problems/user-required");
  const self = await erase(await w.token("executive"), { ...body, id: execId });
  assert.equal(self.status, 409);
  assert.equal((await self.json()).type, "https://procedo.app/problems/erase-self");
  // Two executives erasing each other at once: the second finds the last active executive
  // (called directly, as the second request would run once the first committed).
  const scope = new TenantScope(t.database.db, w.id);
  await assert.rejects(
    erasePerson(deps, scope, { kind: "user", id: execId }, readerId),
    (e: ProblemError) => e.status === 409 && e.slug === "last-executive",
  );
  assert.equal((await scope.first(users, eq(users.id, execId)))!.active, 1);
  // Nothing changed for the reader.
  const row = await scope.first(users, eq(users.id, readerId));
  assert.equal(row!.active, 1);
});
