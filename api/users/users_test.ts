// Users and roles through the API: executives administer, the last executive stays.
import assert from "node:assert/strict";
import { startTestApp, test } from "../../tests/support/app.ts";

const t = await startTestApp();
const exec = await t.token("executive");
const modeler = await t.token("modeler");
const reader = await t.token("reader");

async function users(token = exec, query = "") {
  const res = await t.call("GET", `/api/v1/users${query}`, { token });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).items as {
    id: string;
    displayName: string;
    role: string;
    active: boolean;
  }[];
}

/** Changes a user; If-Match * where a test is about something other than concurrency. */
const patch = (id: string, body: unknown, token = exec, ifMatch = "*") =>
  t.call("PATCH", `/api/v1/users/${id}`, { token, body, headers: { "if-match": ifMatch } });

const byName = async (name: string) => (await users()).find((u) => u.displayName === name)!;

test("me tells every user who they are and where", async () => {
  const res = await t.call("GET", "/api/v1/users/me", { token: reader });
  assert.equal(res.status, 200);
  const me = await res.json();
  assert.equal(me.user.displayName, "Rita Reader");
  assert.equal(me.user.role, "reader");
  assert.equal(me.tenant.name, "Contoso Manufacturing");
  assert.equal(me.tenant.plan, "excellence");
  assert.equal(me.tenant.readOnly, false);
});

test("a new user joins as reader on first request, named from the token", async () => {
  const token = await t.issuer.sign({
    tid: "6f1c0a52-7b0e-4c55-9a1e-0c0ffee00001",
    oid: crypto.randomUUID(),
    name: "Nina Newcomer",
  });
  const me = await (await t.call("GET", "/api/v1/users/me", { token })).json();
  assert.equal(me.user.role, "reader");
  assert.equal((await byName("Nina Newcomer")).role, "reader");
});

test("every role names its own tenant's users, and never another tenant's", async () => {
  const max = await byName("Max Modeler");
  const erika = await byName("Erika Executive");
  const otherTenant = await t.token("executive", 1);
  const otherMe = await (await t.call("GET", "/api/v1/users/me", { token: otherTenant })).json();
  const ids = [max.id, erika.id, otherMe.user.id, crypto.randomUUID(), max.id].join(",");
  for (const token of [reader, modeler]) {
    const res = await t.call("GET", `/api/v1/users/names?ids=${ids}`, { token });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), [
      { id: erika.id, displayName: "Erika Executive" },
      { id: max.id, displayName: "Max Modeler" },
    ]);
  }
  // Tenant B asking for tenant A's users learns nothing, not even that they exist.
  const other = await t.call("GET", `/api/v1/users/names?ids=${max.id},${erika.id}`, {
    token: otherTenant,
  });
  assert.equal(other.status, 200);
  assert.deepEqual(await other.json(), []);
});

test("names: missing, malformed or too many ids are refused naming ids", async () => {
  const tooMany = Array.from({ length: 201 }, () => crypto.randomUUID()).join(",");
  for (const query of ["", "?ids=", "?ids=not-a-user", `?ids=${tooMany}`]) {
    const res = await t.call("GET", `/api/v1/users/names${query}`, { token: reader });
    assert.equal(res.status, 422, query);
    assert.match(res.headers.get("content-type") ?? "", /application\/problem\+json/);
    assert.deepEqual((await res.json()).errors.map((e: { field: string }) => e.field), [
      "query.ids",
    ]);
  }
  const max = Array.from({ length: 200 }, () => crypto.randomUUID()).join(",");
  assert.equal(
    (await t.call("GET", `/api/v1/users/names?ids=${max}`, { token: reader })).status,
    200,
  );
});

test("only executives list and change users", async () => {
  assert.equal((await t.call("GET", "/api/v1/users", { token: modeler })).status, 403);
  const rita = await byName("Rita Reader");
  const res = await patch(rita.id, { role: "executive" }, modeler);
  assert.equal(res.status, 403);
  assert.equal((await byName("Rita Reader")).role, "reader");
});

test("an executive promotes a reader, and the new role takes effect at once", async () => {
  const rita = await byName("Rita Reader");
  const res = await patch(rita.id, { role: "modeler" });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).role, "modeler");
  const create = await t.call("POST", "/api/v1/tags", { token: reader, body: { name: "By Rita" } });
  assert.equal(create.status, 201, "Rita may now write");
  await patch(rita.id, { role: "reader" });
});

test("a deactivated user is refused everywhere, a reactivated one is back", async () => {
  const max = await byName("Max Modeler");
  assert.equal(
    (await patch(max.id, { active: false }))
      .status,
    200,
  );
  const refused = await t.call("GET", "/api/v1/tags", { token: modeler });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).type, "https://procedo.app/problems/user-deactivated");
  const trail = await (await t.call("GET", "/api/v1/audit?action=auth.refused", { token: exec }))
    .json();
  const entry = trail.items.find((e: { requestId: string }) =>
    e.requestId === refused.headers.get("x-request-id")
  );
  assert.ok(entry, "the refused credential left a trace in the audit trail");
  assert.equal(entry.actorId, max.id);
  assert.equal(entry.details.reason, "user-deactivated");
  assert.deepEqual((await users(exec, "?active=false")).map((u) => u.displayName), ["Max Modeler"]);
  assert.equal(
    (await patch(max.id, { active: true }))
      .status,
    200,
  );
  assert.equal((await t.call("GET", "/api/v1/tags", { token: modeler })).status, 200);
});

test("the last active executive can neither be demoted nor deactivated", async () => {
  const erika = await byName("Erika Executive");
  for (const body of [{ role: "modeler" }, { active: false }]) {
    const res = await patch(erika.id, body);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).type, "https://procedo.app/problems/last-executive");
  }
  assert.equal((await byName("Erika Executive")).role, "executive");
  // With a second executive, the first may step down.
  const rita = await byName("Rita Reader");
  await patch(rita.id, { role: "executive" });
  const down = await patch(erika.id, { role: "modeler" });
  assert.equal(down.status, 200);
  const ritaToken = await t.token("reader"); // Rita's token; her role now comes from the database
  await patch(erika.id, { role: "executive" }, ritaToken);
  await patch(rita.id, { role: "reader" });
  assert.equal((await byName("Rita Reader")).role, "reader");
});

test("two executives demoting each other at once leave one executive", async () => {
  const rita = await byName("Rita Reader");
  const erika = await byName("Erika Executive");
  await patch(rita.id, { role: "executive" });
  const ritaToken = await t.token("reader");
  const [a, b] = await Promise.all([
    patch(rita.id, { role: "reader" }),
    patch(erika.id, { role: "reader" }, ritaToken),
  ]);
  const statuses = [a.status, b.status].sort();
  assert.ok(
    JSON.stringify(statuses) === "[200,409]" || JSON.stringify(statuses) === "[200,403]",
    `one wins, one is refused: ${statuses}`,
  );
  const erikaWon = a.status === 200;
  const winner = erikaWon ? exec : ritaToken;
  const executives = await users(winner, "?role=executive");
  assert.deepEqual(executives.map((u) => u.displayName), [
    erikaWon ? "Erika Executive" : "Rita Reader",
  ]);
  // Restore the demo roles for the tests that follow.
  await patch(erika.id, { role: "executive" }, winner);
  await patch(rita.id, { role: "reader" });
  assert.equal((await byName("Rita Reader")).role, "reader");
});

test("a user is read with an ETag; a change without If-Match is refused with 428", async () => {
  const max = await byName("Max Modeler");
  const read = await t.call("GET", `/api/v1/users/${max.id}`, { token: exec });
  assert.equal(read.status, 200);
  const user = await read.json();
  assert.equal(read.headers.get("etag"), `W/"${user.version}"`);

  const bare = await t.call("PATCH", `/api/v1/users/${max.id}`, {
    token: exec,
    body: { role: "reader" },
  });
  assert.equal(bare.status, 428, await bare.clone().text());
  assert.equal((await bare.json()).type, "https://procedo.app/problems/precondition-required");
  assert.equal((await byName("Max Modeler")).role, "modeler");

  const changed = await patch(max.id, { role: "reader" }, exec, read.headers.get("etag")!);
  assert.equal(changed.status, 200, await changed.clone().text());
  const after = await changed.json();
  assert.equal(after.role, "reader");
  assert.equal(after.version, user.version + 1);
  assert.equal(changed.headers.get("etag"), `W/"${after.version}"`);
  assert.equal(
    (await patch(max.id, { role: "modeler" }, exec, `W/"${after.version}"`)).status,
    200,
  );
});

test("two executives changing the same user from the same read: the second gets 412", async () => {
  const rita = await byName("Rita Reader");
  // A second executive, so both may administer.
  assert.equal((await patch(rita.id, { role: "executive" })).status, 200);
  const ritaToken = await t.token("reader");
  const max = await byName("Max Modeler");
  const seen = (await t.call("GET", `/api/v1/users/${max.id}`, { token: exec })).headers.get(
    "etag",
  )!;

  const first = await patch(max.id, { role: "executive" }, exec, seen);
  assert.equal(first.status, 200);
  const second = await patch(max.id, { active: false }, ritaToken, seen);
  assert.equal(second.status, 412, await second.clone().text());
  const problem = await second.json();
  assert.equal(problem.type, "https://procedo.app/problems/precondition-failed");
  assert.equal(problem.current.role, "executive", "the problem shows the user as they are now");
  assert.equal(problem.current.active, true);
  assert.equal(second.headers.get("etag"), `W/"${problem.current.version}"`);
  assert.equal(problem.currentETag, second.headers.get("etag"));
  const now = await byName("Max Modeler");
  assert.deepEqual([now.role, now.active], ["executive", true], "the stale change was not applied");

  // Restore the demo roles for the tests that follow.
  assert.equal((await patch(max.id, { role: "modeler" })).status, 200);
  assert.equal((await patch(rita.id, { role: "reader" })).status, 200);
});

test("bad input names the field and changes nothing", async () => {
  const max = await byName("Max Modeler");
  const unknownRole = await patch(max.id, { role: "admin" });
  assert.equal(unknownRole.status, 422);
  assert.equal((await unknownRole.json()).errors[0].field, "body.role");
  const empty = await patch(max.id, {});
  assert.equal(empty.status, 422);
  assert.equal((await byName("Max Modeler")).role, "modeler");
});

test("another tenant's user answers 404", async () => {
  const max = await byName("Max Modeler");
  const otherExec = await t.token("executive", 1);
  assert.equal((await t.call("GET", `/api/v1/users/${max.id}`, { token: otherExec })).status, 404);
  const res = await patch(max.id, { role: "reader" }, otherExec);
  assert.equal(res.status, 404);
  assert.equal((await byName("Max Modeler")).role, "modeler");
  assert.ok(!(await users(otherExec)).some((u) => u.id === max.id));
});

test("close", async () => {
  await t.close();
});
