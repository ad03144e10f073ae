// Erasing a user from Administration › Users in a real browser: one confirmation (Cancel
// changes nothing), then the row shows the pseudonym, deactivated, and the API agrees.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import { type BrowserApp, browserTest, signIn, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

const userRow = (page: Page, name: string) => page.locator(`tr[data-user="${name}"]`);
const eraseButton = (page: Page, name: string) =>
  userRow(page, name).locator("fluent-button[data-erase]");

async function users() {
  const res = await app.t.call("GET", "/api/v1/users?limit=200", {
    token: await app.t.token("executive"),
  });
  return (await res.json()).items as { id: string; displayName: string; active: boolean }[];
}

it("an executive erases a user after one confirmation", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/users");
  // Nobody erases themselves: no button in one's own row.
  await userRow(page, "Erika Executive").waitFor();
  assert.equal(await eraseButton(page, "Erika Executive").count(), 0);

  await eraseButton(page, "Rita Reader").click();
  await page.getByRole("dialog", { name: "Erase this person for good?" }).waitFor();
  await page.locator("procedo-confirm fluent-button", { hasText: "Cancel" })
    .filter({ visible: true }).click();
  const rita = (await users()).find((u) => u.displayName === "Rita Reader")!;
  assert.equal(rita.active, true, "cancelled: nothing changed");

  await eraseButton(page, "Rita Reader").click();
  await page.locator("procedo-confirm fluent-button[data-confirm]").click();
  await page.getByText(/Rita Reader is erased and now shown as Former user [0-9a-f]{6}\./)
    .waitFor();
  const after = (await users()).find((u) => u.id === rita.id)!;
  assert.match(after.displayName, /^Former user [0-9a-f]{6}$/);
  assert.equal(after.active, false);
  await userRow(page, after.displayName).getByText("Deactivated").waitFor();
  assert.equal(await userRow(page, "Rita Reader").count(), 0);
  await page.context().close();
});

test("close", () => app.close());
