// Trial onboarding in a real browser: a person whose organisation Procedo does not know
// signs in, is offered the free trial, names the organisation and one click later works
// in a seeded workspace as its executive.
import assert from "node:assert/strict";
import { test } from "../support/app.ts";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

it("a user of a new organisation starts a trial and lands in the seeded workspace", async () => {
  const page = await app.newPage();
  await page.goto(app.baseUrl);
  await page.getByTestId("new-org-user").click();
  await page.getByRole("heading", { name: "Start your free trial" }).waitFor();
  await assertAccessible(page, "the trial page");

  await page.getByTestId("start-trial").click();
  await page.getByText("Please fill in this field.").waitFor();
  await page.getByTestId("trial-name").locator("input").fill("Northwind Traders");
  await page.getByTestId("start-trial").click();

  await page.locator("procedo-shell").waitFor();
  assert.equal(await page.getByTestId("tenant-name").textContent(), "Northwind Traders");
  assert.match((await page.getByTestId("trial-badge").textContent())!, /Trial: 14 days left/);
  await page.getByTestId("account-button").click();
  assert.equal(await page.getByTestId("user-role").textContent(), "Executive");
  await page.keyboard.press("Escape");
  // The workspace is seeded: the process map shows the sample processes, and its tags are
  // there.
  await page.locator("procedo-process-map").getByText("Order to cash").first().waitFor();
  await page.locator("procedo-nav-rail a", { hasText: "Tags" }).click();
  await page.locator("tr[data-tag='ISO 9001']").waitFor();
  await page.locator("procedo-nav-rail a", { hasText: "Administration" }).click();
  await page.getByRole("link", { name: "Plan" }).click();
  assert.match((await page.getByTestId("plan").textContent())!, /Trial/);

  // Signing in again later goes straight to the workspace.
  await page.reload();
  assert.equal(await page.getByTestId("tenant-name").textContent(), "Northwind Traders");
  await page.context().close();
});

test("close", () => app.close());
