// The process landscape through the HTTP API: create, list, filter, sort, page, tree,
// hierarchy and cycles, If-Match, delete rules and tenant isolation.
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { startTestApp, test } from "../../tests/support/app.ts";
import { demoUserId } from "../../tests/support/route_fixtures.ts";
import { addMonths, todayUtc } from "./landscape_service.ts";
import {
  processApprovals,
  processDrafts,
  processLinks,
  processSteps,
  processVersions,
} from "./schema.ts";

const t = await startTestApp();
const modeler = await t.token("modeler");
const reader = await t.token("reader");
const executive = await t.token("executive");
const otherTenant = await t.token("executive", 1);
const BASE = "/api/v1/processes";

// deno-lint-ignore no-explicit-any
type Json = any;

async function create(body: Record<string, unknown>, token = modeler) {
  return await t.call("POST", BASE, { token, body });
}

async function make(body: Record<string, unknown>): Promise<Json> {
  const res = await create({ category: "core", ...body });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

async function get(id: string, token = modeler): Promise<Json> {
  const res = await t.call("GET", `${BASE}/${id}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

async function list(query: string, token = reader): Promise<Json> {
  const res = await t.call("GET", `${BASE}?${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

function patch(id: string, body: unknown, ifMatch: string | null = "*", token = modeler) {
  return t.call("PATCH", `${BASE}/${id}`, {
    token,
    body,
    headers: ifMatch === null ? {} : { "if-match": ifMatch },
  });
}

function remove(id: string, ifMatch: string | null = "*", token = modeler) {
  return t.call("DELETE", `${BASE}/${id}`, {
    token,
    headers: ifMatch === null ? {} : { "if-match": ifMatch },
  });
}

async function newTag(name: string): Promise<string> {
  const res = await t.call("POST", "/api/v1/tags", { token: modeler, body: { name } });
  assert.equal(res.status, 201);
  return (await res.json()).id;
}

const titles = (page: Json) => page.items.map((p: Json) => p.title);

let unitId: string | undefined;
/** A new position of the org chart (orgchart plugin), to own processes. */
async function newPosition(title: string): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const res = await t.call("POST", `/api/v1/orgchart${path}`, { token: executive, body });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()).id as string;
  };
  unitId ??= await post("/units", {
    chartId: await post("/charts", { name: "Landscape test chart" }),
    name: "Landscape unit",
  });
  return await post("/positions", { unitId, title });
}

/** Saves `graph` into the draft of `id` (If-Match of the current draft). */
async function saveGraph(id: string, graph: Json) {
  const draft = await (await t.call("GET", `${BASE}/${id}/draft`, { token: modeler })).json();
  const res = await t.call("PUT", `${BASE}/${id}/draft`, {
    token: modeler,
    body: graph,
    headers: { "if-match": `W/"${draft.version}"` },
  });
  assert.equal(res.status, 200, await res.clone().text());
}

/** Publishes the draft of `id`: submitted by the modeler, approved by the executive. */
async function publish(id: string) {
  const draft = await (await t.call("GET", `${BASE}/${id}/draft`, { token: modeler })).json();
  const submitted = await t.call("POST", `${BASE}/${id}/draft/submit`, {
    token: modeler,
    body: { changeNote: "First version" },
    headers: { "if-match": `W/"${draft.version}"` },
  });
  assert.equal(submitted.status, 201, await submitted.clone().text());
  const approval = await submitted.json();
  const approved = await t.call("POST", `${BASE}/${id}/approvals/${approval.id}/approve`, {
    token: executive,
    body: {},
  });
  assert.equal(approved.status, 200, await approved.clone().text());
}

test("a modeler creates a process with an empty draft; ETag, Location and defaults", async () => {
  const tag = await newTag("Landscape test");
  const owner = await demoUserId(t, "modeler", 0);
  const res = await create({
    title: "  Onboarding – Grüße ",
    description: "# Onboarding\n\nNew colleagues **start well**.",
    category: "support",
    ownerUserId: owner,
    tagIds: [tag],
  });
  assert.equal(res.status, 201, await res.clone().text());
  const p = await res.json();
  assert.equal(res.headers.get("etag"), 'W/"1"');
  assert.equal(res.headers.get("location"), `${BASE}/${p.id}`);
  assert.equal(p.title, "Onboarding – Grüße", "the title is trimmed and stored as written");
  assert.equal(p.description, "# Onboarding\n\nNew colleagues **start well**.");
  assert.equal(p.category, "support");
  assert.equal(p.parentId, null);
  assert.equal(p.ownerUserId, owner);
  assert.deepEqual(p.tagIds, [tag]);
  assert.equal(p.reviewIntervalMonths, 12);
  assert.equal(p.nextReviewAt, addMonths(todayUtc(), 12));
  assert.equal(p.reviewDue, false);
  assert.equal(p.publishedVersion, 0);
  assert.equal(p.version, 1);
  assert.equal(p.draftUrl, `${BASE}/${p.id}/draft`);
  assert.deepEqual(await get(p.id, reader), p);

  const draft = await t.call("GET", p.draftUrl, { token: modeler });
  assert.equal(draft.status, 200, "the first draft was created with the process");
  const graph = (await draft.json()).graph;
  assert.deepEqual(graph.nodes.map((n: Json) => n.type), ["start"]);
  assert.equal(graph.lanes.length, 1);
});

test("a reader may read but not create", async () => {
  const res = await create({ title: "Reader's process", category: "core" }, reader);
  assert.equal(res.status, 403);
  assert.equal((await res.json()).type, "https://procedo.app/problems/role-required");
});

test("invalid input names every field", async () => {
  const res = await create({
    title: "",
    category: "primary",
    reviewIntervalMonths: 61,
    nextReviewAt: "31.12.2026",
    tagIds: ["nope"],
    colour: "red",
  });
  assert.equal(res.status, 422);
  const fields = (await res.json()).errors.map((e: Json) => e.field).sort();
  assert.deepEqual(fields, [
    "body.category",
    "body.colour",
    "body.nextReviewAt",
    "body.reviewIntervalMonths",
    "body.tagIds.0",
    "body.title",
  ]);
  assert.equal(
    (await create({ title: "x".repeat(201), category: "core" })).status,
    422,
    "titles are at most 200 characters",
  );
  assert.equal(
    (await create({ title: "Long", category: "core", description: "x".repeat(20_001) })).status,
    422,
  );
  assert.equal(
    (await create({ title: "x", category: "core", reviewIntervalMonths: 0 })).status,
    422,
  );
});

test("unknown tag, user and parent ids are a 422 naming each field, and nothing is created", async () => {
  const before = (await list("limit=1")).total;
  const foreignUser = await demoUserId(t, "modeler", 1);
  const foreignParent = (await (await t.call("POST", BASE, {
    token: await t.token("modeler", 1),
    body: { title: "Fabrikam parent", category: "core" },
  })).json()).id;
  const knownTag = await newTag("Known tag");
  const res = await create({
    title: "Dangling references",
    category: "core",
    parentId: foreignParent,
    ownerUserId: foreignUser,
    tagIds: [knownTag, crypto.randomUUID()],
  });
  assert.equal(res.status, 422, await res.clone().text());
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/validation-failed");
  assert.deepEqual(problem.errors.map((e: Json) => e.field), [
    "body.parentId",
    "body.ownerUserId",
    "body.tagIds.1",
  ]);
  assert.equal((await list("limit=1")).total, before, "nothing was created");
  assert.equal((await list("q=Dangling%20references")).total, 0);
});

test("a deactivated user cannot become an owner", async () => {
  const token = await t.issuer.sign({
    tid: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001",
    oid: crypto.randomUUID(),
    name: "Leaving Larry",
  });
  const me = await (await t.call("GET", "/api/v1/users/me", { token })).json();
  const off = await t.call("PATCH", `/api/v1/users/${me.user.id}`, {
    token: executive,
    body: { active: false },
    headers: { "if-match": "*" },
  });
  assert.equal(off.status, 200, await off.clone().text());
  const res = await create({ title: "Larry's", category: "core", ownerUserId: me.user.id });
  assert.equal(res.status, 422);
  assert.equal((await res.json()).errors[0].field, "body.ownerUserId");
});

test("list filters by category, parent, owner, tag, status and review due; searches literally", async () => {
  const tag = await newTag("Filter set");
  const owner = await demoUserId(t, "reader", 0);
  const parent = await make({ title: "Filter parent", category: "management", tagIds: [tag] });
  const a = await make({
    title: "Filter alpha",
    category: "core",
    parentId: parent.id,
    tagIds: [tag],
    ownerUserId: owner,
    description: "100% on time",
  });
  const position = await newPosition("Filter owner");
  const b = await make({
    title: "Filter beta",
    category: "support",
    parentId: parent.id,
    tagIds: [tag],
    nextReviewAt: "2020-01-31",
    ownerPositionId: position,
  });

  assert.deepEqual(titles(await list(`tagId=${tag}`)), [
    "Filter alpha",
    "Filter beta",
    "Filter parent",
  ]);
  assert.deepEqual(titles(await list(`tagId=${tag}&category=support`)), ["Filter beta"]);
  assert.deepEqual(titles(await list(`parentId=${parent.id}`)), ["Filter alpha", "Filter beta"]);
  const roots = await list(`tagId=${tag}&parentId=root`);
  assert.deepEqual(titles(roots), ["Filter parent"]);
  assert.deepEqual(titles(await list(`ownerUserId=${owner}`)), ["Filter alpha"]);
  assert.deepEqual(titles(await list(`ownerPositionId=${position}`)), ["Filter beta"]);
  assert.deepEqual(titles(await list(`tagId=${tag}&reviewDue=true`)), ["Filter beta"]);
  assert.deepEqual(titles(await list(`tagId=${tag}&reviewDue=false`)), [
    "Filter alpha",
    "Filter parent",
  ]);
  assert.equal((await get(b.id)).reviewDue, true);
  assert.deepEqual(titles(await list(`tagId=${tag}&status=unpublished`)).length, 3);
  assert.deepEqual(titles(await list(`tagId=${tag}&status=published`)), []);
  assert.deepEqual(titles(await list("q=100%25")), ["Filter alpha"], "% is searched literally");
  assert.deepEqual(titles(await list("q=FILTER%20BET")), ["Filter beta"], "case-insensitive");
  assert.equal((await list("q=%25%25%25")).total, 0);
  assert.ok(a.id);

  for (
    const bad of ["parentId=nope", "status=draft", "reviewDue=yes", "sort=owner", "limit=201"]
  ) {
    const res = await t.call("GET", `${BASE}?${bad}`, { token: reader });
    assert.equal(res.status, 422, bad);
    assert.match((await res.json()).errors[0].field, /^query\./);
  }
});

test("list sorts and pages", async () => {
  const tag = await newTag("Sort set");
  const specs = [
    { title: "Sort C", category: "support", nextReviewAt: "2031-01-01" },
    { title: "Sort A", category: "core", nextReviewAt: "2033-01-01" },
    { title: "Sort B", category: "management", nextReviewAt: "2032-01-01" },
  ];
  for (const s of specs) await make({ ...s, tagIds: [tag] });
  const page = (sort: string, extra = "") => list(`tagId=${tag}&sort=${sort}${extra}`);
  assert.deepEqual(titles(await page("title")), ["Sort A", "Sort B", "Sort C"]);
  assert.deepEqual(titles(await page("-title")), ["Sort C", "Sort B", "Sort A"]);
  assert.deepEqual(titles(await page("nextReviewAt")), ["Sort C", "Sort B", "Sort A"]);
  assert.deepEqual(titles(await page("category")), ["Sort B", "Sort A", "Sort C"]);
  assert.deepEqual(titles(await page("updatedAt")), ["Sort C", "Sort A", "Sort B"]);
  assert.deepEqual(titles(await page("-updatedAt")), ["Sort B", "Sort A", "Sort C"]);

  const first = await page("title", "&limit=2");
  assert.equal(first.total, 3);
  assert.equal(first.limit, 2);
  assert.deepEqual(titles(first), ["Sort A", "Sort B"]);
  const second = await page("title", "&limit=2&offset=2");
  assert.equal(second.offset, 2);
  assert.deepEqual(titles(second), ["Sort C"]);
});

test("a hierarchy of depth 4 shows in the tree; each level sorted by category, sortOrder, title", async () => {
  const l1 = await make({ title: "Tree L1", category: "core" });
  const l2 = await make({ title: "Tree L2", category: "core", parentId: l1.id });
  const l3 = await make({ title: "Tree L3", category: "core", parentId: l2.id });
  const l4 = await make({ title: "Tree L4", category: "core", parentId: l3.id });
  // Siblings under L1, to check the order of a level.
  await make({ title: "Tree Z support", category: "support", parentId: l1.id });
  await make({ title: "Tree Y management", category: "management", parentId: l1.id });
  await make({ title: "Tree B core", category: "core", parentId: l1.id, sortOrder: 5 });
  await make({ title: "Tree A core", category: "core", parentId: l1.id, sortOrder: 5 });

  const res = await t.call("GET", `${BASE}/tree`, { token: reader });
  assert.equal(res.status, 200);
  const tree = await res.json();
  const all = await list("limit=200");
  assert.equal(tree.total, all.total, "the tree holds every process");
  const root = tree.items.find((n: Json) => n.id === l1.id);
  assert.ok(root, "L1 is a root");
  assert.deepEqual(root.children.map((n: Json) => n.title), [
    "Tree Y management",
    "Tree L2",
    "Tree A core",
    "Tree B core",
    "Tree Z support",
  ]);
  const n2 = root.children.find((n: Json) => n.id === l2.id);
  const n3 = n2.children[0];
  const n4 = n3.children[0];
  assert.equal(n3.id, l3.id);
  assert.equal(n4.id, l4.id);
  assert.deepEqual(n4.children, []);
  assert.deepEqual(Object.keys(n4).sort(), [
    "category",
    "children",
    "id",
    "nextReviewAt",
    "ownerPositionId",
    "ownerUserId",
    "parentId",
    "publishedVersion",
    "reviewDue",
    "sortOrder",
    "title",
  ]);
  assert.equal(n4.parentId, l3.id);
  assert.equal(n4.reviewDue, false);
  // Roots are sorted the same way: by category first.
  const order = ["management", "core", "support"];
  const cats = tree.items.map((n: Json) => order.indexOf(n.category));
  assert.deepEqual(cats, [...cats].sort((a: number, b: number) => a - b));
});

test("moving a process under its own descendant is a 409 naming the path; nothing changes", async () => {
  const a = await make({ title: "Cycle A" });
  const b = await make({ title: "Cycle B", parentId: a.id });
  const c = await make({ title: "Cycle C", parentId: b.id });
  const d = await make({ title: "Cycle D", parentId: c.id });

  const res = await patch(a.id, { parentId: d.id, title: "Renamed A" }, 'W/"1"');
  assert.equal(res.status, 409, await res.clone().text());
  const problem = await res.json();
  assert.equal(problem.type, "https://procedo.app/problems/hierarchy-cycle");
  assert.deepEqual(problem.path.map((p: Json) => p.title), [
    "Cycle A",
    "Cycle D",
    "Cycle C",
    "Cycle B",
    "Cycle A",
  ]);
  assert.match(problem.detail, /Cycle A → Cycle D → Cycle C → Cycle B → Cycle A/);
  assert.equal(problem.errors[0].field, "body.parentId");
  const after = await get(a.id);
  assert.equal(after.parentId, null);
  assert.equal(after.title, "Cycle A");
  assert.equal(after.version, 1);

  const self = await patch(b.id, { parentId: b.id });
  assert.equal(self.status, 409);
  assert.equal((await get(b.id)).parentId, a.id);

  // Moving within the hierarchy without a cycle works, and so does making it a root.
  const moved = await patch(d.id, { parentId: b.id }, 'W/"1"');
  assert.equal(moved.status, 200);
  assert.equal((await moved.json()).parentId, b.id);
  const rooted = await patch(c.id, { parentId: null });
  assert.equal((await rooted.json()).parentId, null);
});

test("two crossing moves at once cannot both pass and build a cycle", async () => {
  for (let round = 0; round < 5; round++) {
    const a = await make({ title: `Race A ${round}` });
    const b = await make({ title: `Race B ${round}` });
    const results = await Promise.all([
      patch(a.id, { parentId: b.id }),
      patch(b.id, { parentId: a.id }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409], `round ${round}: ${statuses}`);
    const [pa, pb] = [await get(a.id), await get(b.id)];
    assert.ok(
      (pa.parentId === b.id) !== (pb.parentId === a.id),
      "exactly one of them moved",
    );
  }
});

test("an unknown parent on PATCH is a 422 naming body.parentId", async () => {
  const p = await make({ title: "Orphan to be" });
  const res = await patch(p.id, { parentId: crypto.randomUUID(), title: "Changed" });
  assert.equal(res.status, 422);
  const problem = await res.json();
  assert.deepEqual(problem.errors.map((e: Json) => e.field), ["body.parentId"]);
  assert.equal((await get(p.id)).title, "Orphan to be");
});

test("PATCH needs If-Match: 428 without, 412 with a stale one (with the current), 200 with the current", async () => {
  const p = await make({ title: "Versioned" });
  const missing = await patch(p.id, { title: "No header" }, null);
  assert.equal(missing.status, 428);

  const ok = await patch(p.id, { title: "Versioned 2", reviewIntervalMonths: 6 }, 'W/"1"');
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("etag"), 'W/"2"');
  const changed = await ok.json();
  assert.equal(changed.title, "Versioned 2");
  assert.equal(changed.reviewIntervalMonths, 6);
  assert.equal(
    changed.nextReviewAt,
    addMonths(changed.createdAt.slice(0, 10), 6),
    "a new interval reschedules the review from creation",
  );

  const stale = await patch(p.id, { description: "lost?" }, 'W/"1"');
  assert.equal(stale.status, 412);
  const problem = await stale.json();
  assert.equal(problem.currentVersion, 2);
  assert.equal(problem.current.title, "Versioned 2");
  assert.equal((await get(p.id)).description, "", "the stale write changed nothing");

  const explicit = await patch(p.id, { nextReviewAt: "2030-02-28" }, 'W/"2"');
  assert.equal((await explicit.json()).nextReviewAt, "2030-02-28");
});

test("an owner position change rebuilds the owner link", async () => {
  const pos1 = await newPosition("First owner");
  const pos2 = await newPosition("Second owner");
  const p = await make({ title: "Owned by a position", ownerPositionId: pos1 });
  const ownerLinks = async () =>
    (await t.database.db.select().from(processLinks).where(
      and(eq(processLinks.processId, p.id), eq(processLinks.relation, "owner")),
    )).map((l) => l.targetId);
  assert.deepEqual(await ownerLinks(), [pos1]);
  assert.equal((await patch(p.id, { ownerPositionId: pos2 })).status, 200);
  assert.deepEqual(await ownerLinks(), [pos2]);
  assert.equal((await patch(p.id, { ownerPositionId: null })).status, 200);
  assert.deepEqual(await ownerLinks(), []);
  const unknown = await patch(p.id, { ownerPositionId: crypto.randomUUID() });
  assert.equal(unknown.status, 422, "positions are checked through the orgchart plugin");
  assert.deepEqual((await unknown.json()).errors.map((e: Json) => e.field), [
    "body.ownerPositionId",
  ]);
});

test("DELETE needs If-Match, is refused while children exist, then removes everything", async () => {
  const parent = await make({ title: "Delete parent" });
  const child = await make({ title: "Delete child", parentId: parent.id });

  assert.equal((await remove(parent.id, null)).status, 428);
  assert.equal((await remove(parent.id, 'W/"9"')).status, 412);
  const refused = await remove(parent.id, 'W/"1"');
  assert.equal(refused.status, 409);
  const problem = await refused.json();
  assert.equal(problem.type, "https://procedo.app/problems/process-in-use");
  assert.deepEqual(problem.children, [{ id: child.id, title: "Delete child" }]);
  assert.match(problem.detail, /"Delete child"/);
  assert.equal((await get(parent.id)).version, 1, "the refused delete changed nothing");

  assert.equal((await remove(child.id, 'W/"1"')).status, 204);
  assert.equal((await t.call("GET", `${BASE}/${child.id}`, { token: modeler })).status, 404);
  assert.equal(
    (await t.call("GET", `${BASE}/${child.id}/draft`, { token: modeler })).status,
    404,
    "the draft went with it",
  );
  assert.equal((await remove(parent.id, 'W/"1"')).status, 204);
  assert.equal((await remove(parent.id)).status, 404);
});

test("a process called as a subprocess cannot be deleted; a published one is deleted with all of it", async () => {
  const callee = await make({ title: "Called process" });
  const caller = await make({ title: "Calling process" });
  const draft = await (await t.call("GET", `${BASE}/${caller.id}/draft`, { token: modeler }))
    .json();
  const graph = structuredClone(draft.graph);
  const lane = graph.lanes[0].id;
  graph.nodes.push(
    {
      id: "call",
      type: "subprocess",
      label: "Do the called thing",
      laneId: lane,
      x: 200,
      y: 40,
      width: 120,
      height: 80,
      processId: callee.id,
    },
    { id: "end", type: "end", label: "Done", laneId: lane, x: 400, y: 62, width: 36, height: 36 },
  );
  graph.edges.push({ id: "f1", from: "start_1", to: "call" }, {
    id: "f2",
    from: "call",
    to: "end",
  });
  await saveGraph(caller.id, graph);

  const refused = await remove(callee.id);
  assert.equal(refused.status, 409);
  const problem = await refused.json();
  assert.equal(problem.type, "https://procedo.app/problems/process-in-use");
  assert.deepEqual(problem.callers, [{ id: caller.id, title: "Calling process" }]);
  assert.deepEqual(problem.children, []);
  assert.match(problem.detail, /subprocess.*"Calling process"/);

  // The caller, published (versions, approvals, projections of both sources), goes entirely.
  await publish(caller.id);
  assert.equal((await get(caller.id)).publishedVersion, 1);
  const rows = async () => ({
    links: (await t.database.db.select().from(processLinks).where(
      eq(processLinks.processId, caller.id),
    )).length,
    steps: (await t.database.db.select().from(processSteps).where(
      eq(processSteps.processId, caller.id),
    )).length,
    versions: (await t.database.db.select().from(processVersions).where(
      eq(processVersions.processId, caller.id),
    )).length,
    approvals: (await t.database.db.select().from(processApprovals).where(
      eq(processApprovals.processId, caller.id),
    )).length,
    drafts: (await t.database.db.select().from(processDrafts).where(
      eq(processDrafts.processId, caller.id),
    )).length,
  });
  const before = await rows();
  assert.ok(Object.values(before).every((n) => n > 0), JSON.stringify(before));
  assert.equal((await remove(caller.id, 'W/"1"')).status, 204);
  assert.deepEqual(await rows(), { links: 0, steps: 0, versions: 0, approvals: 0, drafts: 0 });
  assert.equal(
    (await t.call("GET", `${BASE}/${caller.id}/versions`, { token: reader })).status,
    404,
  );
  assert.equal((await remove(callee.id)).status, 204, "no longer called");
});

test("another tenant's process answers 404 everywhere and never shows in lists, tree or search", async () => {
  const p = await make({
    title: "Contoso secret process",
    description: "Only for Contoso",
    ownerUserId: await demoUserId(t, "modeler", 0),
    nextReviewAt: "2020-01-01",
  });
  const path = `${BASE}/${p.id}`;
  assert.equal((await t.call("GET", path, { token: otherTenant })).status, 404);
  assert.equal((await patch(p.id, { title: "hijacked" }, "*", otherTenant)).status, 404);
  assert.equal((await remove(p.id, "*", otherTenant)).status, 404);
  assert.equal(
    (await t.call("POST", `${path}/review/confirm`, { token: otherTenant, body: {} })).status,
    404,
  );
  for (
    const route of [
      `${BASE}?limit=200`,
      `${BASE}?q=Contoso%20secret`,
      `${BASE}/tree`,
      `${BASE}/search?q=Contoso%20secret`,
      `${BASE}/reviews/due?within=366`,
    ]
  ) {
    const res = await t.call("GET", route, { token: otherTenant });
    assert.equal(res.status, 200, route);
    assert.ok(!(await res.text()).includes(p.id), `${route} shows tenant A's process`);
  }
  // …while the owner sees it in each, so the checks above could fail.
  for (const route of [`${BASE}/tree`, `${BASE}/search?q=Contoso%20secret`]) {
    assert.ok((await (await t.call("GET", route, { token: modeler })).text()).includes(p.id));
  }
  const mine = await get(p.id);
  assert.equal(mine.title, "Contoso secret process");
  assert.equal(mine.version, 1);
});

test("close", async () => {
  await t.close();
});
