// The administration in a real browser: roles (kept after reload; the last executive kept),
// deactivation with confirmation, an API key shown once, the audit trail with filters and
// chain verification, a 403 from the API handled when the role changed meanwhile, and a role
// change on a stale row (412) that reloads the row and says so.
import assert from "node:assert/strict";
import { anchorDueChains } from "../../api/audit/anchors.ts";
import type { Page } from "playwright-core";
import { test } from "../support/app.ts";
import { type BrowserApp, browserTest, signIn, startBrowserApp } from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);

const button = (page: Page, text: string | RegExp) =>
  page.locator("fluent-button", { hasText: text });
const roleSelect = (page: Page, name: string) => page.locator(`[data-user-role="${name}"]`);
const ROLE_NAMES: Record<string, string> = {
  reader: "Reader",
  modeler: "Modeler",
  executive: "Executive",
};
/** Chooses a role in a user's row (Fluent's dropdown: open it, click the option). */
async function chooseRole(page: Page, name: string, role: string) {
  await roleSelect(page, name).locator("fluent-dropdown").click();
  await roleSelect(page, name).locator("fluent-option", { hasText: ROLE_NAMES[role] }).click();
}
const roleShown = (page: Page, name: string) =>
  roleSelect(page, name).evaluate((el) => (el as unknown as { value: string }).value);
const userRow = (page: Page, name: string) => page.locator(`tr[data-user="${name}"]`);
const confirm = (page: Page) => page.locator("procedo-confirm fluent-button[data-confirm]");

/** Sets the role of the user named `name` through the API, as another executive (If-Match: *). */
async function setRole(name: string, role: string) {
  const token = await app.t.token("executive");
  const q = encodeURIComponent(name);
  const users = await (await app.t.call("GET", `/api/v1/users?q=${q}`, { token })).json();
  const res = await app.t.call("PATCH", `/api/v1/users/${users.items[0].id}`, {
    token,
    body: { role },
    headers: { "if-match": "*" },
  });
  assert.equal(res.status, 200, `${name} becomes ${role}`);
}

async function usersOfTenant() {
  const res = await app.t.call("GET", "/api/v1/users?limit=200", {
    token: await app.t.token("executive"),
  });
  return (await res.json()).items as { displayName: string; role: string; active: boolean }[];
}

it("an executive changes a user's role; the change is saved and still there after reload", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/users");
  await chooseRole(page, "Rita Reader", "modeler");
  await page.getByText("Rita Reader is now Modeler.").waitFor();
  await page.reload();
  await userRow(page, "Rita Reader").waitFor();
  assert.equal(await roleShown(page, "Rita Reader"), "modeler");
  const rita = (await usersOfTenant()).find((u) => u.displayName === "Rita Reader")!;
  assert.equal(rita.role, "modeler");

  // The only executive cannot step down: the API's 409 becomes a readable message.
  await chooseRole(page, "Erika Executive", "reader");
  await page.getByText("A workspace needs at least one active executive").waitFor();
  assert.equal(await roleShown(page, "Erika Executive"), "executive");
  await page.context().close();
});

it("deactivating and reactivating ask once", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/users");
  await userRow(page, "Max Modeler").locator("fluent-button", { hasText: "Deactivate" }).click();
  await page.getByRole("dialog", { name: "Deactivate user?" }).waitFor();
  await button(page, "Cancel").filter({ visible: true }).click();
  assert.equal((await usersOfTenant()).find((u) => u.displayName === "Max Modeler")!.active, true);

  await userRow(page, "Max Modeler").locator("fluent-button", { hasText: "Deactivate" }).click();
  await confirm(page).click();
  await page.getByText("Max Modeler is deactivated.").waitFor();
  await userRow(page, "Max Modeler").getByText("Deactivated").waitFor();
  assert.equal((await usersOfTenant()).find((u) => u.displayName === "Max Modeler")!.active, false);

  await userRow(page, "Max Modeler").locator("fluent-button", { hasText: "Reactivate" }).click();
  await confirm(page).click();
  await page.getByText("Max Modeler is active again.").waitFor();
  assert.equal((await usersOfTenant()).find((u) => u.displayName === "Max Modeler")!.active, true);
  await page.context().close();
});

it("a new API key is shown once, works, and stops working when revoked", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/api-keys");
  await page.getByTestId("new-key").click();
  await page.getByRole("dialog", { name: "New API key" }).waitFor();
  await page.locator("procedo-api-key-panel fluent-text-input[name=name] input").fill(
    "Intranet sync",
  );
  await page.locator("procedo-api-key-panel select[name=role]").selectOption("reader");
  await page.getByTestId("create-key").click();

  const shown = page.getByTestId("created-key");
  await shown.waitFor();
  const key = await shown.inputValue();
  assert.match(key, /^pk_/);
  const used = await app.t.call("GET", "/api/v1/tags", { headers: { "x-api-key": key } });
  assert.equal(used.status, 200, "the key shown works");

  await page.getByTestId("close-key").click();
  await page.getByTestId("key-dialog").getByText("Copy your API key now").waitFor({
    state: "hidden",
  });
  const row = page.locator('tr[data-key="Intranet sync"]');
  await row.waitFor();
  const html = await page.evaluate(() => {
    const all: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        all.push((el as HTMLElement).outerHTML);
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el instanceof HTMLInputElement) all.push(el.value);
      }
    };
    walk(document);
    return all.join("\n");
  });
  assert.ok(!html.includes(key), "the key is gone from the page once the dialog is closed");
  assert.match((await row.textContent())!, /Active/);

  await row.locator("fluent-button", { hasText: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke API key?" }).waitFor();
  await confirm(page).click();
  await page.getByText("“Intranet sync” is revoked.").waitFor();
  await row.getByText("Revoked").waitFor();
  const refused = await app.t.call("GET", "/api/v1/tags", { headers: { "x-api-key": key } });
  assert.equal(refused.status, 401);
  await page.context().close();
});

it("the audit trail lists the changes, filters them and verifies its chain", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/audit");
  const rows = page.locator("procedo-admin-audit tbody tr");
  await rows.first().waitFor();
  assert.ok(await rows.count() > 3, "the changes of the earlier tests are listed");
  assert.ok(
    (await rows.allTextContents()).some((r) => r.includes("Erika Executive changed a user")),
    "who did what, in words",
  );

  await page.locator("procedo-admin-audit input[name=action]").fill("api-keys.manage");
  await button(page, "Apply filters").click();
  await page.waitForFunction(() => {
    const root = document.querySelector("procedo-app")?.shadowRoot?.querySelector("procedo-shell")
      ?.shadowRoot?.querySelector("procedo-admin-audit")?.shadowRoot;
    const cells = [...(root?.querySelectorAll("tbody tr td:nth-child(3)") ?? [])];
    return cells.length > 0 &&
      cells.every((c) =>
        /an API key/.test(c.textContent ?? "") &&
        c.getAttribute("title")?.startsWith("api-keys.manage")
      );
  });

  await page.getByTestId("verify-chain").click();
  const result = page.getByTestId("verify-result");
  await result.waitFor();
  assert.match((await result.textContent())!, /The audit trail is intact: \d+ entries verified\./);
  assert.match((await result.textContent())!, /No entry is sealed by a signed anchor yet\./);
  // The anchoring job has run: the result says how far the signed anchors reach.
  await anchorDueChains(app.t.database.db, app.t.auditSigner);
  await page.getByTestId("verify-chain").click();
  await result.getByText(/Entries up to #\d+ are sealed by a signed anchor of /).waitFor();
  await page.context().close();
});

it("a role taken away meanwhile: the page shows the API's refusal in words", async () => {
  await setRole("Max Modeler", "executive");

  const page = await app.newPage();
  await signIn(app, page, "Max Modeler");
  await page.locator("procedo-nav-rail a", { hasText: "Administration" }).waitFor();
  await setRole("Max Modeler", "modeler");
  await page.locator("procedo-nav-rail a", { hasText: "Administration" }).click();
  await page.getByText("Your role does not allow this.").waitFor();
  await page.context().close();
});

it("a role changed by someone else first (412): the row is reloaded and the page says so", async () => {
  await setRole("Rita Reader", "modeler");

  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/users");
  await userRow(page, "Rita Reader").waitFor();
  assert.equal(await roleShown(page, "Rita Reader"), "modeler");
  // Meanwhile another executive makes her a reader; this page still shows the old row.
  await setRole("Rita Reader", "reader");

  await chooseRole(page, "Rita Reader", "executive");
  await page.getByText("Someone else changed this in the meantime").waitFor();
  await page.getByText("The row of Rita Reader now shows their current role and status.")
    .waitFor();
  assert.equal(await roleShown(page, "Rita Reader"), "reader");
  await roleSelect(page, "Rita Reader").locator("fluent-dropdown button", { hasText: "Reader" })
    .waitFor();
  const now = (await usersOfTenant()).find((u) => u.displayName === "Rita Reader")!;
  assert.equal(now.role, "reader", "the stale change was not saved");

  // On the reloaded row the change goes through.
  await chooseRole(page, "Rita Reader", "modeler");
  await page.getByText("Rita Reader is now Modeler.").waitFor();
  await page.getByText("Someone else changed this in the meantime").waitFor({ state: "detached" });
  assert.equal(
    (await usersOfTenant()).find((u) => u.displayName === "Rita Reader")!.role,
    "modeler",
  );
  await page.context().close();
});

test("close", () => app.close());
