// The recycle bin through the UI: a modeler deletes a process from its page after the
// where-used warning, finds it in the recycle bin and restores it; an executive deletes an
// entry permanently after a confirmation, which a modeler is not offered.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type BrowserApp, browserTest, signIn, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const row = (page: Page, title: string) => page.locator(`tr[data-entry="${title}"]`);

async function newProcess(title: string, parentId?: string): Promise<string> {
  const res = await app.t.call("POST", "/api/v1/processes", {
    token: await app.t.token("modeler"),
    body: { title, category: "core", ...(parentId ? { parentId } : {}) },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).id;
}

it("a modeler deletes a process after the where-used warning and restores it", async () => {
  const parent = await newProcess("Bin parent");
  await newProcess("Bin child", parent);
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${parent}`);
  await page.getByTestId("delete-process").click();
  await page.getByRole("dialog", { name: "Delete process?" }).waitFor();
  await page.getByText(/Used by: “Bin child”/).waitFor();
  await page.locator("procedo-confirm fluent-button[data-confirm]").click();
  // Refused while it has a child: the problem shows, the process stays.
  await page.locator("procedo-process-delete procedo-problem").getByText(/Bin child/).waitFor();

  const lone = await newProcess("Bin lone process");
  await page.goto(`${app.baseUrl}/processes/${lone}`);
  await page.getByTestId("delete-process").click();
  await page.getByRole("dialog", { name: "Delete process?" }).waitFor();
  await page.locator("procedo-confirm fluent-button[data-confirm]").click();
  await page.waitForURL(/\/processes$/);

  await page.goto(`${app.baseUrl}/recycle-bin`);
  await row(page, "Bin lone process").waitFor();
  assert.equal(
    await row(page, "Bin lone process").locator("fluent-button", { hasText: "Delete permanently" })
      .count(),
    0,
    "modelers restore but do not delete for good",
  );
  await page.locator("fluent-button[aria-label='Restore Bin lone process']").click();
  await row(page, "Bin lone process").waitFor({ state: "detached" });
  const back = await app.t.call("GET", `/api/v1/processes/${lone}`, {
    token: await app.t.token("reader"),
  });
  assert.equal(back.status, 200, "the process is back");
  await page.context().close();
});

it("an executive deletes an entry permanently after a confirmation", async () => {
  const id = await newProcess("Bin doomed process");
  const del = await app.t.call("DELETE", `/api/v1/processes/${id}`, {
    token: await app.t.token("modeler"),
    headers: { "if-match": "*" },
  });
  assert.equal(del.status, 204);
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/recycle-bin");
  await row(page, "Bin doomed process").waitFor();
  await page.locator("fluent-button[aria-label='Delete Bin doomed process permanently']").click();
  await page.getByRole("dialog", { name: "Delete permanently?" }).waitFor();
  await page.locator("procedo-confirm fluent-button[data-confirm]").click();
  await row(page, "Bin doomed process").waitFor({ state: "detached" });
  const bin = await (await app.t.call("GET", "/api/v1/recycle-bin?limit=200", {
    token: await app.t.token("executive"),
  })).json();
  assert.ok(!bin.items.some((e: { objectId: string }) => e.objectId === id));
  await page.context().close();
});
