// Pages a person understands, in a real browser: the users list with a real "last seen" and no
// offer to deactivate oneself; the audit trail in words with local times (German in German),
// filtered with a person picker and a Fluent period choice; an import whose check shows the
// rows, flags the documents that exist already and leaves them out.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
} from "../support/browser.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const EXAMPLES = new URL("../../docs/examples/", import.meta.url);

// deno-lint-ignore no-explicit-any
type Any = any;

const userRow = (page: Any, name: string) => page.locator(`tr[data-user="${name}"]`);

it("users: last seen is real, nobody is offered to deactivate themselves", async () => {
  // Rita uses the app (one request) before the executive looks.
  const rita = await app.t.call("GET", "/api/v1/users/me", { token: await app.t.token("reader") });
  assert.equal(rita.status, 200);
  const page = await app.newPage();
  await signIn(app, page, "Erika Executive", "/admin/users");
  await userRow(page, "Rita Reader").waitFor();
  const cells = await userRow(page, "Rita Reader").locator("td").allTextContents();
  assert.notEqual(cells[3].trim(), "—", "Rita was seen");
  assert.match(cells[3], /\d{4}/);
  const me = userRow(page, "Erika Executive");
  assert.equal(await me.locator("fluent-button", { hasText: "Deactivate" }).count(), 0);
  await me.getByText("You cannot deactivate yourself; another executive can.").waitFor();
  assert.equal(
    await userRow(page, "Max Modeler").locator("fluent-button", { hasText: "Deactivate" }).count(),
    1,
  );
  await assertAccessible(page, "users list");
  await page.context().close();
});

it("the audit trail says who did what in words, in local time, and filters by person and period", async () => {
  // A role change by the executive and a tag by the modeler, to have something to read.
  const exec = await app.t.token("executive");
  const users = await (await app.t.call("GET", "/api/v1/users?q=Rita", { token: exec })).json();
  const patched = await app.t.call("PATCH", `/api/v1/users/${users.items[0].id}`, {
    token: exec,
    body: { role: "reader" },
    headers: { "if-match": "*" },
  });
  assert.equal(patched.status, 200);
  const tag = await app.t.call("POST", "/api/v1/tags", {
    token: await app.t.token("modeler"),
    body: { name: `Audit ${crypto.randomUUID().slice(0, 6)}`, color: "#0f6cbd" },
  });
  assert.equal(tag.status, 201, await tag.text());

  const page = await app.newPage({ locale: "de-DE" });
  await signIn(app, page, "Erika Executive", "/admin/audit");
  const rows = page.locator("procedo-admin-audit tbody tr");
  await rows.first().waitFor();
  const texts = await rows.allTextContents();
  assert.ok(texts.some((r) => r.includes("Erika Executive hat einen Benutzer geändert")), "de");
  assert.ok(texts.some((r) => r.includes("Max Modeler hat ein Schlagwort angelegt")), "de");
  // Times in German, as Germans write them, in the browser's time zone: 06.12.2026, 05:06.
  const time = await rows.first().locator("time").textContent();
  assert.match(time!, /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);

  // The person filter is a picker of names, not an id field.
  const person = page.getByTestId("audit-person");
  await person.locator("input").fill("Max");
  await person.locator('[role="option"]', { hasText: "Max Modeler" }).click();
  await page.locator("procedo-admin-audit fluent-button", { hasText: "Filter anwenden" }).click();
  await page.waitForFunction(() => {
    const root = document.querySelector("procedo-app")?.shadowRoot?.querySelector("procedo-shell")
      ?.shadowRoot?.querySelector("procedo-admin-audit")?.shadowRoot;
    const cells = [...(root?.querySelectorAll("tbody tr td:nth-child(3)") ?? [])];
    return cells.length > 0 && cells.every((c) => c.textContent!.trim().startsWith("Max Modeler"));
  });

  // The period is a Fluent dropdown.
  const period = page.getByTestId("audit-period");
  await period.locator("fluent-dropdown").click();
  await period.locator("fluent-option", { hasText: "Letzte 24 Stunden" }).click();
  await page.locator("procedo-admin-audit fluent-button", { hasText: "Filter anwenden" }).click();
  await rows.first().waitFor();
  assert.equal(
    await page.locator("procedo-admin-audit select, procedo-admin-audit input[type=datetime-local]")
      .count(),
    0,
  );
  await assertAccessible(page, "audit trail in German");
  await page.context().close();
});

it("the import check shows the rows and the documents that exist already, and leaves them out", async () => {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", "/resources/documents");
  await page.getByTestId("import-resources").waitFor();
  const before = await (await app.t.call("GET", "/api/v1/resources/documents?limit=200", {
    token: await app.t.token("modeler"),
  })).json();
  await page.getByTestId("import-resources").click();
  await page.getByTestId("import-file").setInputFiles({
    name: "documents.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(await Deno.readFile(new URL("documents.csv", EXAMPLES))),
  });
  await page.getByTestId("import-check").click();
  await page.getByTestId("import-report").waitFor();
  const duplicates = page.getByTestId("import-duplicates");
  await duplicates.getByText(/rows have the name or link of an object that exists already/)
    .waitFor();
  const preview = page.getByTestId("import-preview");
  await preview.locator("tr", { hasText: "Quality manual" }).getByText("skipped (exists already)")
    .waitFor();
  // The example file repeats all three of the sample documents.
  assert.equal(await preview.locator("tbody tr").count(), 3);
  await page.getByTestId("import-warnings").getByText(
    "“Quality manual” exists already (key SAMPLE-DOC-QM); importing would add it again",
  ).waitFor();
  await assertAccessible(page, "import check with duplicates");

  // Unticked, they would be created again; ticked again, they are left out.
  await page.getByTestId("skip-duplicates").locator("input").uncheck();
  await preview.locator("tr", { hasText: "Quality manual" }).getByText("created again (duplicate)")
    .waitFor();
  await page.getByTestId("skip-duplicates").locator("input").check();
  await preview.locator("tr", { hasText: "Quality manual" }).getByText("skipped (exists already)")
    .waitFor();
  await page.getByTestId("import-all").click();
  await page.getByTestId("import-done").getByText(/rows that exist already were left out/)
    .waitFor();
  const after = await (await app.t.call("GET", "/api/v1/resources/documents?limit=200", {
    token: await app.t.token("modeler"),
  })).json();
  const titles = after.items.map((d: Any) => d.title.toLowerCase());
  assert.equal(new Set(titles).size, titles.length, "no title twice");
  assert.equal(after.items.length, before.items.length, "nothing was doubled");
  await page.context().close();
});

it("description and tags are edited where people look; an unnamed owner shows who created it", async () => {
  const modelerApi = (method: string, path: string, body?: unknown, headers = {}) =>
    app.t.token("modeler").then((token) => app.t.call(method, path, { token, body, headers }));
  const tagName = `Compliance ${crypto.randomUUID().slice(0, 6)}`;
  const tag = await (await modelerApi("POST", "/api/v1/tags", { name: tagName, color: "#0f6cbd" }))
    .json();
  const title = `Onboarding ${crypto.randomUUID().slice(0, 6)}`;
  const created = await (await modelerApi("POST", "/api/v1/processes", { title, category: "core" }))
    .json();

  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${created.id}`);
  // Nobody is named as owner: the creator answers, and the page says so.
  await page.getByTestId("process-owner").getByText(
    "Max Modeler (created it; no owner named yet)",
  ).waitFor();
  await page.locator('[data-tab="details"]').click();
  await page.getByTestId("edit-meta").click();

  // The editor opens with the process's details: description and tags are there.
  const details = page.getByTestId("process-properties");
  await details.waitFor();
  await details.locator('procedo-markdown-field[data-field="process-description"] textarea')
    .fill("Welcome **new colleagues** in their first week.");
  const tags = page.locator('procedo-editor-picker[data-field="tags"]');
  await tags.locator("input").fill(tagName.slice(0, 10));
  await tags.locator('[role="option"]', { hasText: tagName }).first().click();
  await tags.locator(".chip", { hasText: tagName }).waitFor();
  await page.getByTestId("save-process").click();
  await page.getByText("Process details saved.").waitFor();
  const saved = await (await modelerApi("GET", `/api/v1/processes/${created.id}`)).json();
  assert.equal(saved.description, "Welcome **new colleagues** in their first week.");
  assert.deepEqual(saved.tagIds, [tag.id]);

  await page.goto(`${app.baseUrl}/processes/${created.id}`);
  await page.locator('[data-tab="details"]').click();
  await page.getByTestId("process-description").getByText("new colleagues").waitFor();
  await page.locator("procedo-process-details fluent-badge", { hasText: tagName }).waitFor();
  await page.context().close();
});
