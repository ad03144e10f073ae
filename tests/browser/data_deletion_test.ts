// "Data and deletion" in a real browser: an executive of a fresh workspace exports all its
// data and downloads the ZIP, deletes the workspace with an immediate purge (two steps, the
// name typed; a name changed meanwhile is refused at the field), follows the purge through
// the signed status link and sees the protocol proving zero rows remain; the protocols list
// shows date, reason, counts and downloads; a modeler sees neither the entry nor the page.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { recordProtocol } from "../../plugins/deletion/protocol.ts";
import { runDueJobs } from "../../plugins/deletion/tasks.ts";
import {
  depsOf,
  leftovers,
  newWorkspace,
  type Workspace,
} from "../../plugins/deletion/test_support.ts";
import type { Role } from "../../schema/core.ts";
import { tenants } from "../../schema/core.ts";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const deps = depsOf(app.t);
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const runJobs = () => runDueJobs(deps, { now: new Date(), batchSize: 500 });

/** Opens `path` signed in as the workspace's `role` (a dev token, as the sign-in page keeps it). */
async function openAs(w: Workspace, role: Role, path: string): Promise<Page> {
  const page = await app.newPage();
  const accessToken = await w.token(role);
  await page.goto(app.baseUrl + "/");
  await page.evaluate((token) => {
    sessionStorage.setItem(
      "procedo.devToken",
      JSON.stringify({ accessToken: token, expiresAt: Date.now() + 3_600_000 }),
    );
  }, accessToken);
  await page.goto(app.baseUrl + path);
  await page.locator("procedo-shell").waitFor();
  await page.getByTestId("user-name").waitFor({ state: "attached" });
  return page;
}

it("an executive exports everything, deletes the workspace at once and gets the protocol", async () => {
  const w = await newWorkspace(app.t, deps, { plan: "trial" });
  const page = await openAs(w, "executive", "/admin/users");
  await page.locator("procedo-admin-tabs").getByRole("link", { name: "Data and deletion" })
    .click();
  await page.getByRole("heading", { name: "Data and deletion", level: 1 }).waitFor();
  await page.getByText("No deletion protocols yet.").waitFor();
  await assertAccessible(page, "the data and deletion page");

  // Export: queued, then (the job runner has run) the signed download of the archive.
  await page.getByTestId("export-start").click();
  await page.getByTestId("export-status").getByText("The export is queued").waitFor();
  // A reload finds the export again (remembered for the tab).
  await page.reload();
  await page.getByTestId("export-status").getByText("The export is queued").waitFor();
  await runJobs();
  const link = page.getByTestId("export-download");
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const files = unzipSync(await Deno.readFile((await download.path())!));
  const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
  assert.equal(manifest.tenant?.id ?? manifest.tenantId, w.id);
  assert.ok(Object.keys(files).some((f) => f.startsWith("tables/")), "the tables are in it");
  await page.getByText(/The link works until .* \(24 hours\)/).waitFor();

  // Step one: when. Step two: the name, typed; the button stays disabled until it matches.
  await page.getByTestId("offboarding-start").click();
  await page.getByTestId("purge-immediate").check();
  await page.getByTestId("offboarding-continue").click();
  await page.getByText(`will be locked now and its data deleted immediately`).waitFor();
  const confirm = page.getByTestId("offboarding-confirm");
  await page.getByTestId("confirm-name").fill(w.name.toUpperCase());
  assert.equal(await confirm.getAttribute("disabled"), "", "disabled: the name does not match");

  // Another executive renames the workspace meanwhile: the old name is refused at the field.
  await page.getByTestId("confirm-name").fill(w.name);
  const renamed = `${w.name} (renamed)`;
  await app.t.database.db.update(tenants).set({ name: renamed }).where(eq(tenants.id, w.id));
  await app.t.changed(w.id);
  await confirm.click();
  await page.getByText("This is not the workspace's name as it is now").waitFor();
  await page.getByText(`Type the workspace's name to confirm: ${renamed}`).waitFor();
  const refused = await app.t.call("GET", "/api/v1/users/me", {
    token: await w.token("executive"),
  });
  assert.equal(refused.status, 200, "nothing is locked by a refused confirmation");
  await refused.body?.cancel();

  await page.getByTestId("confirm-name").fill(renamed);
  await confirm.click();

  // Locked at once: the page follows the purge through the signed status link.
  const statusUrl = await page.getByTestId("status-url").inputValue();
  assert.match(statusUrl, new RegExp(`^${app.baseUrl}/api/v1/deletion/signed/jobs/.+\\?`));
  const locked = await app.t.call("GET", "/api/v1/users/me", {
    token: await w.token("executive"),
  });
  assert.equal(locked.status, 403);
  assert.equal((await locked.json()).type, "https://procedo.app/problems/tenant-locked");
  await page.getByTestId("offboarding-progress").waitFor();

  await runJobs();
  const verification = page.getByTestId("protocol-verification");
  await verification.waitFor();
  assert.match(
    (await verification.textContent())!,
    /^Verified: \d+ tables checked, 0 rows remaining\.$/,
  );
  assert.deepEqual(await leftovers(app.t, w.id), {}, "no row of the workspace is left");

  // The protocol's links work without a session: JSON with one zero per table, and the PDF.
  const jsonUrl = await page.getByTestId("protocol-json").getAttribute("href");
  const protocol = await (await app.t.call("GET", jsonUrl!)).json();
  assert.equal(protocol.tenantId, w.id);
  assert.ok(protocol.verification.length > 10);
  assert.ok(protocol.verification.every((v: { remaining: number }) => v.remaining === 0));
  const pdf = await app.t.call(
    "GET",
    (await page.getByTestId("protocol-pdf").getAttribute("href"))!,
  );
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  await pdf.body?.cancel();
  await assertAccessible(page, "the deletion's status");
  await page.context().close();
});

it("a deletion at a date: the date is checked, the workspace locked now, the data kept until then", async () => {
  const w = await newWorkspace(app.t, deps);
  const page = await openAs(w, "executive", "/admin/data");
  await page.getByTestId("offboarding-start").click();
  await page.getByTestId("purge-scheduled").check();
  await page.getByTestId("offboarding-continue").click();
  await page.getByText("Choose a date.").waitFor();
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await page.getByTestId("purge-date").fill(day(120));
  await page.getByTestId("offboarding-continue").click();
  await page.getByText("Choose a date from tomorrow up to 90 days ahead.").waitFor();
  await page.getByTestId("purge-date").fill(day(10));
  await page.getByTestId("offboarding-continue").click();
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(
    new Date(`${day(10)}T00:00:00`),
  );
  await page.getByText(`will be locked now and its data deleted on ${when}`).waitFor();
  await page.getByTestId("confirm-name").fill(w.name);
  await page.getByTestId("offboarding-confirm").click();
  await page.getByTestId("offboarding-progress").getByText(`The data will be deleted on ${when}.`)
    .waitFor();

  // Locked now, purged later: the runner leaves it alone until the date.
  const locked = await app.t.call("GET", "/api/v1/tags", { token: await w.token("executive") });
  assert.equal(locked.status, 403);
  await locked.body?.cancel();
  await runJobs();
  assert.ok(Object.keys(await leftovers(app.t, w.id)).length > 0, "the data is still there");
  const statusUrl = await page.getByTestId("status-url").inputValue();
  const job =
    await (await app.t.call("GET", new URL(statusUrl).pathname + new URL(statusUrl).search))
      .json();
  assert.equal(job.status, "queued");
  await page.context().close();
});

it("the protocols list shows date, reason, counts and the downloads", async () => {
  const w = await newWorkspace(app.t, deps);
  const now = new Date().toISOString();
  await recordProtocol(deps, {
    jobId: crypto.randomUUID(),
    tenantId: w.id,
    reason: "contract end",
    requestedBy: "system",
    requestedAt: now,
    startedAt: now,
    finishedAt: now,
    method: "batched DELETE + hooks",
    batchSize: 500,
    deleted: [
      { table: "tags", rows: 12, declared: true },
      { table: "processes", rows: 3, declared: true },
    ],
    hooks: [],
    cacheKeys: 0,
    verification: [{ table: "tags", remaining: 0 }, { table: "processes", remaining: 0 }],
    verified: true,
  });
  const page = await openAs(w, "executive", "/admin/data");
  const row = page.getByTestId("protocols-table").locator("tbody tr");
  await row.waitFor();
  assert.equal(await row.count(), 1);
  await row.getByText("Contract end").waitFor();
  await row.getByText("15 in 2 tables").waitFor();
  assert.equal((await row.getByTestId("protocol-remaining").textContent())!.trim(), "0");
  const pdf = await app.t.call(
    "GET",
    (await row.getByTestId("protocol-pdf").getAttribute("href"))!,
  );
  assert.equal(pdf.status, 200);
  await pdf.body?.cancel();
  await page.context().close();
});

it("a modeler sees neither the administration nor the data page", async () => {
  const w = await newWorkspace(app.t, deps);
  const page = await openAs(w, "modeler", "/admin/data");
  await page.getByText("Not available to you").waitFor();
  assert.equal(await page.locator("procedo-admin-data").count(), 0);
  assert.equal(await page.locator("procedo-nav-rail a", { hasText: "Administration" }).count(), 0);
  await page.context().close();
});

test("close", () => app.close());
