// Tags through the UI: create, search, edit, delete, the messages a person gets for bad
// input, and concurrent edits from a second browser (412) resolved by reloading.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import { type BrowserApp, browserTest, signIn, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

const button = (page: Page, text: string | RegExp) =>
  page.locator("fluent-button", { hasText: text });
const row = (page: Page, name: string) => page.locator(`tr[data-tag="${name}"]`);
const panel = (page: Page) => page.locator("procedo-tag-panel");
const nameField = (page: Page) => panel(page).locator("fluent-text-input[name=name]");

async function fillName(page: Page, value: string) {
  await nameField(page).locator("input").fill(value);
}

async function save(page: Page) {
  await page.getByTestId("save-tag").click();
}

it("a modeler creates, finds, edits and deletes a tag", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/tags");
  await row(page, "ISO 9001").waitFor();

  await page.getByTestId("new-tag").click();
  await page.getByRole("dialog", { name: "New tag" }).waitFor();
  await save(page);
  await panel(page).getByText("Please fill in this field.").waitFor();
  await fillName(page, "ISO 9001");
  await save(page);
  await panel(page).getByText("A tag with this name already exists.").waitFor();
  await fillName(page, "Escalation");
  await panel(page).locator("fluent-textarea textarea").fill("Goes to the plant manager");
  await save(page);
  await page.getByRole("dialog", { name: "New tag" }).waitFor({ state: "hidden" });
  await row(page, "Escalation").waitFor();
  assert.match((await row(page, "Escalation").textContent())!, /Goes to the plant manager/);

  await page.getByTestId("tag-search").locator("input").fill("escal");
  await page.waitForFunction(() =>
    document.querySelector("procedo-app")?.shadowRoot?.querySelector("procedo-shell")?.shadowRoot
      ?.querySelector("procedo-tags-page")?.shadowRoot?.querySelectorAll("tbody tr").length === 1
  );
  await row(page, "Escalation").waitFor();
  // The search is in the address: a reload (or a shared link) shows the same rows.
  await page.waitForURL(/\/tags\?q=escal$/);
  await page.reload();
  await row(page, "Escalation").waitFor();
  assert.equal(await page.getByTestId("tag-search").locator("input").inputValue(), "escal");

  await page.locator("fluent-button[aria-label='Edit Escalation']").click();
  await page.getByRole("dialog", { name: "Edit “Escalation”" }).waitFor();
  assert.equal(await nameField(page).locator("input").inputValue(), "Escalation");
  await fillName(page, "Escalation path");
  await save(page);
  await row(page, "Escalation path").waitFor();

  await page.locator("fluent-button[aria-label='Delete Escalation path']").click();
  await page.getByRole("dialog", { name: "Delete tag?" }).waitFor();
  await page.locator("procedo-confirm fluent-button[data-confirm]").click();
  await row(page, "Escalation path").waitFor({ state: "detached" });
  await page.getByText("No tag matches your search.").waitFor();

  const list = await (await app.t.call("GET", "/api/v1/tags?q=Escalation", {
    token: await app.t.token("modeler"),
  })).json();
  assert.equal(list.total, 0, "the tag is gone from the API too");
  await page.context().close();
});

it("a change someone else saved first (412) is offered for reload, then saved again", async () => {
  const mine = await app.newPage();
  const theirs = await app.newPage();
  await signIn(app, mine, "Max Modeler", "/tags");
  await signIn(app, theirs, "Erika Executive", "/tags");

  // I open the tag for editing …
  await mine.locator("fluent-button[aria-label='Edit Customer-facing']").click();
  await mine.getByRole("dialog", { name: "Edit “Customer-facing”" }).waitFor();
  // … while someone else renames it and saves first.
  await theirs.locator("fluent-button[aria-label='Edit Customer-facing']").click();
  await theirs.getByRole("dialog", { name: "Edit “Customer-facing”" }).waitFor();
  await fillName(theirs, "Customer-visible");
  await save(theirs);
  await row(theirs, "Customer-visible").waitFor();

  await panel(mine).locator("fluent-textarea textarea").fill("Seen by customers first");
  await save(mine);
  await panel(mine).getByText("Someone else changed this in the meantime").waitFor();
  await panel(mine).locator("fluent-button", { hasText: "Reload" }).click();
  await panel(mine).getByText("This is the version someone else saved").waitFor();
  assert.equal(await nameField(mine).locator("input").inputValue(), "Customer-visible");
  await panel(mine).locator("fluent-textarea textarea").fill("Seen by customers first");
  await save(mine);
  await row(mine, "Customer-visible").waitFor();
  assert.match((await row(mine, "Customer-visible").textContent())!, /Seen by customers first/);

  // A delete of a stale row is refused the same way, and the reload shows the current state.
  await theirs.locator("fluent-button[aria-label='Edit Needs review']").click();
  await fillName(theirs, "Needs a review");
  await save(theirs);
  await row(theirs, "Needs a review").waitFor();
  await mine.locator("fluent-button[aria-label='Delete Needs review']").click();
  await mine.locator("procedo-confirm fluent-button[data-confirm]").click();
  await mine.getByText("Someone else changed this in the meantime").waitFor();
  await button(mine, "Reload").click();
  await row(mine, "Needs a review").waitFor();
  assert.equal(await row(mine, "Needs review").count(), 0);

  await mine.context().close();
  await theirs.context().close();
});

test("close", () => app.close());
