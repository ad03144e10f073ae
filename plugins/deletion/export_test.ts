// The exit export through the API: an executive queues it, the job runner writes the tenant
// archive, the job's signed link downloads it without a session for 24 hours.
import assert from "node:assert/strict";
import { unzipSync } from "fflate";
import { startTestApp, test } from "../../tests/support/app.ts";
import { type DomainEvent, EVENTS_POINT } from "../../api/events.ts";
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { defaultPlugins } from "../mod.ts";
import { runDueJobs } from "./tasks.ts";
import { depsOf, newWorkspace } from "./test_support.ts";

const t = await startTestApp();
const deps = depsOf(t);
/** Hears the domain events the runner publishes (as the webhooks plugin does). */
const heard: DomainEvent[] = [];
const listener: ProcedoPlugin = {
  name: "event-probe",
  contributes: {
    [EVENTS_POINT]: {
      handle: (_s: unknown, _d: unknown, e: DomainEvent) => {
        heard.push(e);
        return Promise.resolve();
      },
    },
  },
};
const runnerDeps = depsOf(t, [...defaultPlugins, listener]);
const HOUR = 3_600_000;

test("an executive exports the workspace: job, progress, signed download of the archive", async () => {
  const w = await newWorkspace(t, deps);
  const other = await newWorkspace(t, deps);
  const exec = await w.token("executive");

  for (const role of ["modeler", "reader"] as const) {
    const refused = await t.call("POST", "/api/v1/deletion/tenant-export", {
      token: await w.token(role),
    });
    assert.equal(refused.status, 403, role);
    await refused.body?.cancel();
  }

  const started = await t.call("POST", "/api/v1/deletion/tenant-export", { token: exec });
  assert.equal(started.status, 202);
  const { id, status, statusUrl } = await started.json();
  assert.equal(status, "queued");

  const queued = await (await t.call("GET", `/api/v1/deletion/jobs/${id}`, { token: exec })).json();
  assert.equal(queued.kind, "export");
  assert.equal(queued.downloadUrl, undefined, "no download before the archive exists");

  await runDueJobs(runnerDeps, { now: new Date(), batchSize: 500 });
  const done = await (await t.call("GET", statusUrl)).json();
  assert.equal(done.status, "done");
  const ready = heard.filter((e) => e.type === "tenant.export.ready");
  assert.equal(ready.length, 1, "tenant.export.ready published once");
  assert.equal(ready[0].data.exportId, id);
  assert.equal(done.progress, 100);
  assert.match(done.downloadUrl, /\/signed\/exports\/.+\.zip\?/);

  // The signed link works without a session and holds this workspace only.
  const zip = await t.call("GET", done.downloadUrl);
  assert.equal(zip.status, 200);
  assert.equal(zip.headers.get("content-type"), "application/zip");
  const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
  const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
  assert.equal(manifest.tenant.id ?? manifest.tenantId, w.id);
  assert.ok(Object.keys(files).some((f) => f.startsWith("tables/")), "tables are in it");
  const everything = Object.values(files).map((b) => new TextDecoder().decode(b)).join("\n");
  assert.ok(everything.includes(w.id));
  assert.ok(!everything.includes(other.id), "nothing of another workspace");

  // A changed signature or another job's id is refused.
  const tampered = await t.call("GET", done.downloadUrl.replace(/sig=[^&]+/, "sig=AAAA"));
  assert.equal(tampered.status, 403);
  await tampered.body?.cancel();

  // Another workspace's executive cannot read the job.
  const foreign = await t.call("GET", `/api/v1/deletion/jobs/${id}`, {
    token: await other.token("executive"),
  });
  assert.equal(foreign.status, 404);
  await foreign.body?.cancel();
});

test("an API key cannot start the exit export (person-only)", async () => {
  const w = await newWorkspace(t, deps);
  const exec = await w.token("executive");
  const created = await t.call("POST", "/api/v1/api-keys", {
    token: exec,
    body: {
      name: "export attempt",
      role: "executive",
      expiresAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { key } = await created.json();
  const res = await t.call("POST", "/api/v1/deletion/tenant-export", { token: key });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).type, "https://procedo.app/problems/user-required");
});
