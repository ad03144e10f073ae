// The process editor in a real browser, signed in as the demo modeler: responsibilities and
// a document link assigned in the properties panel, undo and redo, saving and finding the
// same graph after a reload (GET …/draft with the modeler's token); a 412 provoked from a
// second browser context and merged without losing either change; a BPMN file imported
// (report, one undoable step) and the draft exported again (download); unsaved changes kept
// through a reload while the server is unreachable and restored; a reader refused politely;
// axe on the editor and its dialogs.
//
// Mounting: where the app's process chunk defines <procedo-process-editor> (the process page
// imports the editor), the test uses it; until then it loads the editor's module bundled
// for the test from the app's origin, like tests/browser/editor_canvas_test.ts does with the
// canvas (the app's own Fluent and shared elements are kept, the bundle's copies skipped).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  signIn,
  startBrowserApp,
  withoutLive,
} from "../support/browser.ts";
import { graphOf } from "../support/canvas_gestures.ts";
import { bundleForBrowser } from "../support/bundle.ts";

// Saving by PUT with If-Match, merging on 412 and restoring local drafts: the editor without
// live co-editing (tests/browser/live_editing_test.ts covers the live editor).
const app: BrowserApp = await startBrowserApp({ plugins: withoutLive() });
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const bundle = await bundleEditor();
const FIXTURES = new URL("../../plugins/processes/testdata/", import.meta.url);

// deno-lint-ignore no-explicit-any
type Any = any;
type Role = "modeler" | "reader";
const USERS: Record<Role, string> = { modeler: "Max Modeler", reader: "Rita Reader" };

/** The editor's module with the session setter, as one browser module. */
function bundleEditor(): Promise<string> {
  return bundleForBrowser({
    "ui/components/process_editor/mod.ts": "*",
    "ui/app/session.ts": ["setSession"],
    "ui/lib/api/client.ts": ["createProcedoClient"],
  });
}

async function api(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await app.t.call(method, path, {
    token: await app.t.token("modeler"),
    body,
    headers,
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get("etag"),
    body: text ? JSON.parse(text) : undefined,
  };
}

const lane = (id: string, name: string) => ({
  id,
  name,
  positionId: null,
  orgUnitId: null,
  size: 160,
});
const node = (id: string, type: string, label: string, laneId: string, x: number, y = 40) => ({
  id,
  type,
  label,
  laneId,
  x,
  y: type === "task" ? y : y + 20,
  width: type === "task" ? 120 : 40,
  height: type === "task" ? 80 : 40,
});
const edge = (id: string, from: string, to: string) => ({
  id,
  from,
  to,
  label: "",
  condition: null,
  waypoints: [],
});

const SMALL_FLOW = {
  schemaVersion: 1,
  lanes: [lane("sales", "Sales"), lane("office", "Back office")],
  nodes: [
    node("start", "start", "Order in", "sales", 60),
    node("check", "task", "Check order", "sales", 160),
    node("book", "task", "Book order", "office", 360, 200),
    node("end", "end", "Done", "office", 560, 200),
  ],
  edges: [edge("f1", "start", "check"), edge("f2", "check", "book"), edge("f3", "book", "end")],
};

/** A new process whose draft is `graph` (a small two-lane flow); returns its id and title. */
async function newProcess(graph: unknown = SMALL_FLOW): Promise<{ id: string; title: string }> {
  const title = `Editor test ${crypto.randomUUID().slice(0, 8)}`;
  const created = await api("POST", "/api/v1/processes", { title, category: "core" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const draft = await api("GET", `/api/v1/processes/${id}/draft`);
  const put = await api("PUT", `/api/v1/processes/${id}/draft`, graph, { "if-match": draft.etag! });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return { id, title };
}

const serverGraph = async (id: string) =>
  (await api("GET", `/api/v1/processes/${id}/draft`)).body.graph;

/**
 * Shows the editor for `processId`: on a new page signed in as `role`, or on `page` (signed
 * in already, unless `signIn` says otherwise).
 */
async function openEditor(
  processId: string,
  options: { page?: Page; role?: Role; signIn?: boolean } = {},
) {
  const role = options.role ?? "modeler";
  const page = options.page ?? await app.newPage();
  if (!options.page || options.signIn) {
    await signIn(app, page, USERS[role], `/processes/${processId}`);
  } else await page.goto(`${app.baseUrl}/processes/${processId}`);
  await page.locator("procedo-process-page").waitFor({ state: "attached" });
  await page.route(
    "**/__test__/process_editor.js",
    (r) => r.fulfill({ body: bundle, contentType: "text/javascript" }),
  );
  const token = await app.t.token(role);
  await page.evaluate(async ({ processId, token }) => {
    const g = globalThis as Any;
    if (!customElements.get("procedo-process-editor")) {
      const define = customElements.define.bind(customElements);
      customElements.define = (name, ctor, opts) =>
        customElements.get(name) ? undefined : define(name, ctor, opts);
      const m: Any = await import("/__test__/process_editor.js" as string);
      const api = m.createProcedoClient({ baseUrl: "", getToken: () => token });
      const me =
        await (await fetch("/api/v1/users/me", { headers: { authorization: `Bearer ${token}` } }))
          .json();
      m.setSession({ api, auth: {}, me });
    }
    const editor: Any = document.createElement("procedo-process-editor");
    editor.style.cssText = "position:fixed;inset:0;z-index:1000";
    // The editor covers the app; the page below is not part of what this test checks.
    const shell = document.querySelector("procedo-app") as HTMLElement | null;
    if (shell) shell.style.display = "none";
    editor.setAttribute("process-id", processId);
    document.body.append(editor);
    g.__editor = editor;
  }, { processId, token });
  return page;
}

const editorReady = (page: Page) =>
  page.locator("procedo-editor-toolbar [data-action=save]").waitFor();
const status = (page: Page) => page.getByTestId("save-status");
const action = (page: Page, name: string) =>
  page.locator(`procedo-editor-toolbar [data-action="${name}"]`).first();
const picker = (page: Page, field: string) =>
  page.locator(`procedo-editor-picker[data-field="${field}"]`);
const nodeOf = (g: Any, id: string) => g.nodes.find((n: Any) => n.id === id);

async function until(page: Page, what: string, ok: () => Promise<boolean>) {
  for (let i = 0; i < 150; i++) {
    if (await ok()) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** Picks an option by typing into a picker. */
async function pick(page: Page, field: string, text: string) {
  const input = picker(page, field).locator("input");
  await input.fill(text);
  await picker(page, field).locator('[role="option"]', { hasText: text }).first().waitFor();
  await input.press("Enter");
  await picker(page, field).locator(".chip", { hasText: text }).waitFor();
}

it("a modeler assigns RACI and a document, undoes and redoes, saves, and finds it after a reload", async () => {
  const { id } = await newProcess();
  const page = await openEditor(id);
  await editorReady(page);
  await status(page).getByText("All changes saved").waitFor();

  await page.locator('procedo-editor-canvas [data-node-id="check"]').click();
  await page.locator("procedo-step-properties h3", { hasText: "Check order" }).waitFor();
  await pick(page, "raci.responsible", "Sales Representative");
  await pick(page, "raci.accountable", "Head of Sales");
  await pick(page, "links.documents", "Order handling procedure");
  await page.locator('procedo-step-properties input[name="duration"]').fill("45");
  await page.locator("procedo-markdown-field textarea").fill("**Check** the order");
  await assertAccessible(page, "editor with a task's properties");

  let g = await graphOf(page);
  assert.equal(nodeOf(g, "check").raci.responsible.length, 1);
  assert.equal(nodeOf(g, "check").links.documents.length, 1);
  assert.equal(nodeOf(g, "check").durationMinutes, 45);
  assert.equal(nodeOf(g, "check").description, "**Check** the order");

  // The description's preview renders Markdown.
  await page.locator('procedo-markdown-field button[data-mode="preview"]').click();
  await page.locator("procedo-markdown-field .preview strong", { hasText: "Check" }).waitFor();

  assert.equal(await action(page, "undo").getAttribute("title"), "Undo: description");
  // Undo twice with the button: typing was one step per field.
  await action(page, "undo").click();
  g = await graphOf(page);
  assert.equal(nodeOf(g, "check").description ?? "", "", "the whole description is one step");
  await action(page, "undo").click();
  g = await graphOf(page);
  assert.equal(nodeOf(g, "check").durationMinutes ?? null, null);
  assert.equal(nodeOf(g, "check").links.documents.length, 1, "the link stays");
  // Redo both with the keyboard (the focus is on the toolbar, not in a text field).
  await action(page, "undo").press("Control+y");
  await action(page, "undo").press("Control+Shift+Z");
  g = await graphOf(page);
  assert.equal(nodeOf(g, "check").durationMinutes, 45);
  assert.equal(nodeOf(g, "check").description, "**Check** the order");

  await action(page, "undo").press("Control+s");
  await status(page).getByText("All changes saved").waitFor();
  const saved = await serverGraph(id);
  assert.deepEqual(nodeOf(saved, "check").raci, nodeOf(g, "check").raci);
  assert.deepEqual(nodeOf(saved, "check").links, nodeOf(g, "check").links);
  assert.equal(nodeOf(saved, "check").durationMinutes, 45);

  await page.reload();
  await openEditor(id, { page });
  await editorReady(page);
  assert.deepEqual(await graphOf(page), saved, "after a reload the editor shows the saved graph");
  await page.locator('procedo-editor-canvas [data-node-id="check"]').click();
  await picker(page, "raci.responsible").locator(".chip", { hasText: "Sales Representative" })
    .waitFor();
});

it("a 412 from a second browser context is merged without losing either change", async () => {
  const { id } = await newProcess();
  const mine = await openEditor(id);
  const theirs = await openEditor(id);
  await editorReady(mine);
  await editorReady(theirs);

  // Someone else renames both tasks and saves first.
  await theirs.locator('procedo-editor-canvas [data-node-id="book"]').click();
  await theirs.locator('procedo-step-properties input[name="label"]').fill("Book the order");
  await theirs.locator('procedo-editor-canvas [data-node-id="check"]').click();
  await theirs.locator('procedo-step-properties input[name="label"]').fill("Check (theirs)");
  await theirs.locator('procedo-step-properties input[name="label"]').press("Control+s");
  await status(theirs).getByText("All changes saved").waitFor();

  // I change the same label and a duration, then save: 412, the merge dialog.
  await mine.locator('procedo-editor-canvas [data-node-id="check"]').click();
  await mine.locator('procedo-step-properties input[name="label"]').fill("Check (mine)");
  await mine.locator('procedo-step-properties input[name="duration"]').fill("30");
  await action(mine, "save").click();
  const conflict = mine.locator('procedo-merge-dialog fieldset[data-conflict="node:check:label"]');
  await conflict.waitFor();
  await mine.locator("procedo-merge-dialog [data-testid=server-changes] li", {
    hasText: "Book the order",
  }).waitFor();
  assert.equal(
    await conflict.locator('input[data-side="mine"]').isChecked(),
    true,
    "mine by default",
  );
  await assertAccessible(mine, "merge dialog");
  await mine.locator('procedo-merge-dialog fluent-button[data-action="merge"]').click();
  await status(mine).getByText("All changes saved").waitFor();

  const saved = await serverGraph(id);
  assert.equal(nodeOf(saved, "book").label, "Book the order", "their change is kept");
  assert.equal(nodeOf(saved, "check").label, "Check (mine)", "my choice in the conflict");
  assert.equal(nodeOf(saved, "check").durationMinutes, 30, "my other change is kept");
  // The merge is one undo step: undo shows my version before the merge again.
  await action(mine, "undo").click();
  assert.equal(nodeOf(await graphOf(mine), "book").label, "Book order");
});

it("a BPMN file is imported as one undoable step and the draft exported as a file", async () => {
  const { id, title } = await newProcess();
  const page = await openEditor(id);
  await editorReady(page);
  const before = await graphOf(page);
  const file = new URL("camunda7_order.bpmn", FIXTURES).pathname;
  const parsed = await app.t.call("POST", "/api/v1/processes/bpmn/parse", {
    token: await app.t.token("modeler"),
    body: await Deno.readTextFile(file),
    headers: { "content-type": "application/xml" },
  }).then((r) => r.json());

  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    (async () => {
      await action(page, "bpmn").click();
      await page.locator('fluent-menu-item[data-action="importBpmn"]').click();
    })(),
  ]);
  await chooser.setFiles(file);
  const report = page.locator("procedo-bpmn-dialog");
  await report.locator('[data-report="unsupported"] li', { hasText: "boundaryEvent" }).first()
    .waitFor();
  await assertAccessible(page, "BPMN import report");
  await report.locator('fluent-button[data-action="import"]').click();
  await page.locator("fluent-message-bar", { hasText: "camunda7_order.bpmn" }).waitFor();
  assert.deepEqual(await graphOf(page), parsed.graph, "the diagram is the file's");

  await action(page, "undo").click();
  assert.deepEqual(await graphOf(page), before, "one undo brings the old diagram back");
  await action(page, "redo").click();
  assert.deepEqual(await graphOf(page), parsed.graph);

  // Export saves the unsaved import first, so the file holds what is on screen.
  const [file2] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await action(page, "bpmn").click();
      await page.locator('fluent-menu-item[data-action="exportBpmn"]').click();
    })(),
  ]);
  assert.equal(file2.suggestedFilename(), `${title}.bpmn`);
  const xml = await Deno.readTextFile((await file2.path())!);
  assert.match(xml, /<(bpmn:)?definitions/);
  assert.deepEqual(await serverGraph(id), parsed.graph, "saved before the export");
  for (const n of parsed.graph.nodes.filter((x: Any) => x.label)) {
    assert.ok(xml.includes(n.label.replaceAll("&", "&amp;")), `the file names ${n.label}`);
  }
});

it("unsaved changes survive a reload while the server is unreachable, and are restored", async () => {
  const { id } = await newProcess();
  const page = await openEditor(id);
  await editorReady(page);
  // Saving fails like a dropped connection: the editor says offline and keeps the work.
  await page.route(
    "**/api/v1/processes/*/draft",
    (r) => r.request().method() === "PUT" ? r.abort("internetdisconnected") : r.continue(),
  );
  await page.locator('procedo-editor-canvas [data-node-id="check"]').click();
  await page.locator('procedo-step-properties input[name="label"]').fill("Not on the server");
  await page.locator('procedo-step-properties input[name="label"]').press("Control+s");
  await status(page).getByText("Offline", { exact: false }).waitFor();
  await until(
    page,
    "the local copy",
    () =>
      page.evaluate(() =>
        Object.keys(localStorage).some((k) =>
          k.startsWith("procedo.editor.draft.v1/") &&
          localStorage.getItem(k)!.includes("Not on the server")
        )
      ),
  );

  // Leaving asks first (beforeunload); the person leaves anyway.
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.type();
    void d.accept();
  });
  await page.reload();
  assert.equal(asked, "beforeunload");
  await page.unroute("**/api/v1/processes/*/draft");
  assert.equal(nodeOf(await serverGraph(id), "check").label, "Check order");

  await openEditor(id, { page });
  await editorReady(page);
  // Offered, and not called "saved" while only this browser has it.
  await status(page).getByText("Unsaved changes from an earlier visit").waitFor();
  await page.getByTestId("restore-draft").click();
  assert.equal(nodeOf(await graphOf(page), "check").label, "Not on the server");
  // Restoring saves at once.
  await status(page).getByText("All changes saved").waitFor();
  assert.equal(nodeOf(await serverGraph(id), "check").label, "Not on the server");
});

it("findings select their step, F1 lists the shortcuts (in German too), readers are refused", async () => {
  const { id } = await newProcess();
  const page = await app.newPage({ locale: "de-DE" });
  await openEditor(id, { page, signIn: true });
  await editorReady(page);
  await page.getByTestId("findings-toggle").click();
  const finding = page.locator('procedo-findings-panel li[data-code="task-without-responsible"]');
  await finding.first().waitFor();
  await finding.locator("button", { hasText: "Book order" }).click();
  await page.locator("procedo-step-properties h3", { hasText: "Book order" }).waitFor();
  assert.deepEqual(
    await page.evaluate(() => [...(globalThis as Any).__editor.selection.ids]),
    ["book"],
  );

  await page.locator('procedo-editor-canvas [data-node-id="book"]').press("F1");
  const help = page.locator("procedo-shortcuts-dialog");
  await help.getByText("Tastenkürzel").first().waitFor();
  await help.getByText("Entwurf speichern").waitFor();
  await assertAccessible(page, "shortcuts dialog (German)");
  await page.keyboard.press("Escape");

  const reader = await openEditor(id, { role: "reader" });
  await reader.getByText("Your role does not allow editing this process.").waitFor();

  // A draft in review is shown, not editable.
  const draft = await api("GET", `/api/v1/processes/${id}/draft`);
  const submitted = await api("POST", `/api/v1/processes/${id}/draft/submit`, {
    changeNote: "Ready for review",
  }, { "if-match": draft.etag! });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  const inReview = await openEditor(id);
  await editorReady(inReview);
  await inReview.getByText("This draft is in review and cannot be changed.").waitFor();
  await inReview.locator('procedo-editor-canvas [data-node-id="check"]').click();
  assert.equal(
    await inReview.locator('procedo-step-properties input[name="label"]').isDisabled(),
    true,
  );
  assert.equal(await action(inReview, "save").getAttribute("aria-disabled"), "true");
});

it("auto-layout, a gateway's condition, a lane's name and position, the process details, in dark", async () => {
  const { id, title } = await newProcess({
    schemaVersion: 1,
    lanes: [lane("sales", "Sales"), lane("office", "Back office")],
    nodes: [
      node("start", "start", "Order in", "sales", 40),
      node("check", "task", "Check order", "sales", 300),
      node("ok", "xor", "Order OK?", "sales", 120),
      node("book", "task", "Book order", "office", 500, 200),
      node("reject", "end", "Rejected", "sales", 620),
      node("end", "end", "Done", "office", 700, 200),
    ],
    edges: [
      edge("f1", "start", "check"),
      edge("f2", "check", "ok"),
      edge("yes", "ok", "book"),
      edge("no", "ok", "reject"),
      edge("f5", "book", "end"),
    ],
  });
  const page = await app.newPage({ colorScheme: "dark" });
  await openEditor(id, { page, signIn: true });
  await editorReady(page);
  const canvas = (method: string, arg?: unknown) =>
    page.evaluate(([m, a]) => (globalThis as Any).__editor.canvas[m as string](a), [method, arg]);

  // Auto-layout lays out the graph on screen (the server's layout of it), one undo step.
  const before = await graphOf(page);
  const expected = (await api("POST", "/api/v1/processes/layout", before)).body;
  await action(page, "layout").click();
  await page.locator("fluent-message-bar", { hasText: "Auto-layout applied" }).waitFor();
  assert.deepEqual(await graphOf(page), expected);
  await action(page, "undo").click();
  assert.deepEqual(await graphOf(page), before);
  await action(page, "redo").click();

  // A flow leaving the exclusive gateway gets a label and a condition.
  await canvas("focusNode", "yes");
  const flow = page.locator("procedo-flow-properties");
  await flow.locator('input[name="edge-label"]').fill("yes");
  await flow.locator('input[name="condition"]').fill("All items in stock");
  let g = await graphOf(page);
  const yes = g.edges.find((e: Any) => e.id === "yes");
  assert.equal(yes.label, "yes");
  assert.equal(yes.condition, "All items in stock");
  // Other flows have no condition field, and say why.
  await canvas("focusNode", "f1");
  await flow.getByText("Only flows that leave an exclusive gateway").waitFor();
  assert.equal(await flow.locator('input[name="condition"]').count(), 0);
  await assertAccessible(page, "editor in the dark theme");

  // A lane is renamed and bound to a position of the org chart.
  await canvas("focusNode", "sales");
  const lanePanel = page.locator("procedo-lane-properties");
  await lanePanel.locator('input[name="lane-name"]').fill("Sales team");
  await lanePanel.locator('input[name="binding"][value="position"]').check();
  await pick(page, "binding", "Sales Representative");
  g = await graphOf(page);
  const sales = g.lanes.find((l: Any) => l.id === "sales");
  assert.equal(sales.name, "Sales team");
  assert.match(sales.positionId, /^[0-9a-f-]{36}$/);

  // With nothing selected: the process's details, saved on their own (not a graph change).
  await page.evaluate(() =>
    (globalThis as Any).__editor.canvas.select({ ids: new Set(), primary: null })
  );
  const details = page.getByTestId("process-properties");
  await details.locator('input[name="title"]').fill(`${title} (renamed)`);
  await details.locator('select[name="category"]').selectOption("support");
  await page.getByTestId("save-process").click();
  await page.getByText("Process details saved.").waitFor();
  const process = (await api("GET", `/api/v1/processes/${id}`)).body;
  assert.equal(process.title, `${title} (renamed)`);
  assert.equal(process.category, "support");
});
