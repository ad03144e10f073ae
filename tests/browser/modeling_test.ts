// Modeling in a real browser: BPMN from other tools (the pool of a collaboration chosen in
// the import dialog, the default-flow marker, a catching event, a closed subprocess opened by
// drill-down and left again) and drawing without friction (focus on the canvas after the
// palette, a connect handle that takes the pointer within 24 px at any zoom, a properties
// panel that gives the canvas its width, auto-layout that leaves a tidy diagram alone and
// whose banner goes with undo).
import assert from "node:assert/strict";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  focusedElement,
  startBrowserApp,
} from "../support/browser.ts";
import { centreOf, graphOf, toPage } from "../support/canvas_gestures.ts";
import {
  chooseBpmnFile,
  modelerApi,
  openEditorPage,
  processWith,
  toolbarAction,
} from "../support/editor_page.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const FIXTURES = new URL("../../plugins/processes/testdata/", import.meta.url);

// deno-lint-ignore no-explicit-any
type Any = any;

const ONE_LANE = {
  schemaVersion: 1,
  lanes: [{ id: "team", name: "Team", positionId: null, orgUnitId: null, size: 200 }],
  nodes: [
    { id: "s", type: "start", label: "Go", laneId: "team", x: 60, y: 82, width: 36, height: 36 },
    { id: "t", type: "task", label: "Work", laneId: "team", x: 160, y: 60, width: 120, height: 80 },
  ],
  edges: [{ id: "st", from: "s", to: "t", label: "", condition: null, waypoints: [] }],
};

const canvasNode = (id: string) => `procedo-editor-canvas [data-node-id="${id}"]`;

it("a collaboration's pool is chosen on import; default flows, catching events and closed subprocesses show", async () => {
  const { id } = await processWith(app, ONE_LANE);
  const page = await openEditorPage(app, id);

  // A Signavio-style collaboration: the dialog offers both pools, Customer first.
  await chooseBpmnFile(page, new URL("signavio_collaboration.bpmn", FIXTURES).pathname);
  const dialog = page.locator("procedo-bpmn-dialog");
  const pools = dialog.getByTestId("bpmn-pools");
  await pools.waitFor();
  await dialog.getByText("4 steps, 3 flows and 1 lanes found.").waitFor();
  await dialog.locator('[data-report="unsupported"] li', {
    hasText: 'a message flow from Place order in pool "Customer"',
  }).waitFor();
  await assertAccessible(page, "BPMN import with a choice of pools");
  await pools.locator('input[value="sid-P-SUPPLIER"]').check();
  await dialog.getByText("7 steps, 6 flows and 2 lanes found.").waitFor();
  await dialog.locator('fluent-button[data-action="import"]').click();
  await page.locator("fluent-message-bar", { hasText: "signavio_collaboration.bpmn" }).waitFor();
  let g = await graphOf(page);
  assert.equal(g.pool, "Supplier GmbH");
  assert.deepEqual(g.lanes.map((l: Any) => l.name), ["Sales", "Shipping"]);
  // The gateway's default flow carries the slash; the properties say so.
  await page.locator('procedo-editor-canvas [data-edge-id="sid-SF3"] .default-mark').waitFor();
  assert.equal(
    await page.locator('procedo-editor-canvas [data-edge-id="sid-SF4"] .default-mark').count(),
    0,
  );
  await page.evaluate(() => (globalThis as Any).__editor.canvas.focusNode("sid-SF4"));
  const flowKinds = page.locator("procedo-bpmn-properties");
  await flowKinds.locator('input[name="default-flow"]').check();
  g = await graphOf(page);
  assert.deepEqual(g.edges.filter((e: Any) => e.isDefault).map((e: Any) => e.id), ["sid-SF4"]);
  await page.locator('procedo-editor-canvas [data-edge-id="sid-SF4"] .default-mark').waitFor();

  // Camunda Modeler's file: a catching timer event, an open and a closed subprocess.
  await chooseBpmnFile(page, new URL("camunda_fidelity.bpmn", FIXTURES).pathname);
  await page.locator('procedo-bpmn-dialog fluent-button[data-action="import"]').click();
  await page.locator("fluent-message-bar", { hasText: "camunda_fidelity.bpmn" }).waitFor();
  await page.locator(canvasNode("Activity_0l0gs00")).waitFor(); // inside the open one
  assert.equal(await page.locator(canvasNode("Activity_0v3nd0r")).count(), 0, "closed inside");
  assert.match(
    (await page.locator(canvasNode("Event_0w41t00")).getAttribute("aria-label"))!,
    /^Catching intermediate event: 3 days passed/,
  );
  await page.evaluate(() => (globalThis as Any).__editor.canvas.focusNode("Event_0w41t00"));
  assert.equal(
    await page.locator('procedo-bpmn-properties input[name="event"][value="catch"]').isChecked(),
    true,
  );

  // Drill-down: open the closed subprocess, draw inside it, and go back.
  await page.evaluate(() => (globalThis as Any).__editor.canvas.focusNode("Activity_0esc4l8"));
  await page.locator('procedo-bpmn-properties fluent-button[data-action="open-subprocess"]')
    .click();
  const bar = page.getByTestId("scope-bar");
  await bar.getByText("Inside Escalate").waitFor();
  await page.locator(canvasNode("Activity_0v3nd0r")).waitFor();
  assert.equal(await page.locator(canvasNode("Activity_0tr1ag3")).count(), 0, "main plane hidden");
  await page.locator('procedo-editor-palette button[data-type="task"]').click();
  g = await graphOf(page);
  const added = g.nodes.at(-1);
  assert.deepEqual([added.type, added.parentId], ["task", "Activity_0esc4l8"]);
  await assertAccessible(page, "inside a closed subprocess");
  await bar.locator('fluent-button[data-action="scope-back"]').click();
  await bar.waitFor({ state: "detached" });
  await page.locator(canvasNode("Activity_0tr1ag3")).waitFor();
  assert.equal(await page.locator(canvasNode(added.id)).count(), 0);

  // Saved and exported, the file still has all of it.
  await toolbarAction(page, "save").click();
  await page.getByTestId("save-status").getByText("All changes saved").waitFor();
  const res = await app.t.call("GET", `/api/v1/processes/${id}/bpmn`, {
    token: await app.t.token("modeler"),
  });
  const xml = await res.text();
  assert.match(xml, /<bpmn:intermediateCatchEvent id="Event_0w41t00"/);
  assert.match(xml, /default="Flow_0d3f4ul"/);
  assert.match(xml, /bpmnElement="Activity_0esc4l8" isExpanded="false"/);
  assert.ok(xml.includes(`id="${added.id}"`), "the step added inside");
});

it("drawing: focus follows the palette, handles take the pointer, panels give way, layout is undone cleanly", async () => {
  const { id } = await processWith(app, ONE_LANE);
  const page = await openEditorPage(app, id, { width: 1280 });

  // The palette adds a step, and the keyboard goes on on the canvas with it.
  await page.evaluate(() => (globalThis as Any).__editor.canvas.focusNode("team"));
  await page.locator('procedo-editor-palette button[data-type="task"]').focus();
  await page.keyboard.press("Enter");
  let g = await graphOf(page);
  const added = g.nodes.at(-1);
  assert.equal(added.type, "task");
  await page.waitForFunction((id) => {
    let el: Any = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute?.("data-node-id") === id;
  }, added.id);
  assert.equal((await focusedElement(page))?.tag, "g", "a step on the canvas has the focus");
  await page.keyboard.press("ArrowRight"); // moves the new step, as arrow keys do
  g = await graphOf(page);
  assert.equal(g.nodes.find((n: Any) => n.id === added.id).x > added.x, true);

  // The connect handle of a step takes a press 11 px (screen) off its centre, at 50 % zoom.
  await page.evaluate(() => (globalThis as Any).__editor.canvas.viewport.zoomTo(0.5));
  const work = g.nodes.find((n: Any) => n.id === "t");
  const centre = await centreOf(page, "t");
  await page.mouse.move(centre.x, centre.y);
  const handle = await toPage(page, { x: work.x + work.width + 10, y: work.y + work.height / 2 });
  const hit = await page.evaluate(({ x, y }) => {
    let el: Any = document.elementFromPoint(x, y);
    while (el?.shadowRoot) {
      const inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    return el?.closest?.("[data-connect]")?.getAttribute("data-connect") ?? null;
  }, { x: handle.x + 11, y: handle.y });
  assert.equal(hit, "t", "the hit area reaches 11 px from the handle's centre");

  // Zoomed far out, a click on a step's handle selects the step and draws no flow (the
  // handle's target is capped, and a press without a move is a click).
  await page.evaluate(() => (globalThis as Any).__editor.canvas.viewport.zoomTo(0.1));
  const flows = (await graphOf(page)).edges.length;
  const far = await centreOf(page, "t");
  await page.mouse.move(far.x, far.y);
  const farHandle = await toPage(page, {
    x: work.x + work.width + 10,
    y: work.y + work.height / 2,
  });
  await page.mouse.click(farHandle.x, farHandle.y);
  assert.equal((await graphOf(page)).edges.length, flows, "a click draws no flow");
  assert.deepEqual(
    await page.evaluate(() => [...(globalThis as Any).__editor.canvas.selection.ids]),
    ["t"],
  );
  await page.evaluate(() => (globalThis as Any).__editor.canvas.viewport.zoomTo(0.5));

  // The properties panel collapses: the canvas takes the width, and it is remembered.
  const canvasWidth = () =>
    page.locator("procedo-editor-canvas").evaluate((c) => c.getBoundingClientRect().width);
  const before = await canvasWidth();
  await page.locator('procedo-process-editor [data-action="toggle-panel"]').click();
  await page.locator("procedo-properties-panel").waitFor({ state: "hidden" });
  assert.ok((await canvasWidth()) > before + 200, "the canvas grew into the panel's room");
  await page.locator('procedo-process-editor [data-action="toggle-panel"]').click();
  await page.locator("procedo-properties-panel").waitFor({ state: "visible" });

  // Auto-layout: applied as one step; undo restores every position exactly and the banner.
  const messy = await graphOf(page);
  await toolbarAction(page, "layout").click();
  await page.locator("fluent-message-bar", { hasText: "Auto-layout applied" }).waitFor();
  assert.notDeepEqual(await graphOf(page), messy);
  await toolbarAction(page, "undo").click();
  assert.deepEqual(await graphOf(page), messy);
  await page.locator("fluent-message-bar", { hasText: "Auto-layout applied" })
    .waitFor({ state: "detached" });

  // A tidy diagram the layout would spoil (one crossing more) is left as it is, and said so.
  const claims = await Deno.readTextFile(new URL("bpmnio_claims.bpmn", FIXTURES));
  const parsed = await app.t.call("POST", "/api/v1/processes/bpmn/parse", {
    token: await app.t.token("modeler"),
    body: claims,
    headers: { "content-type": "application/xml" },
  }).then((r) => r.json());
  const tidy = await processWith(app, parsed.graph);
  const second = await openEditorPage(app, tidy.id);
  const shown = await graphOf(second);
  await toolbarAction(second, "layout").click();
  await second.locator("fluent-message-bar", {
    hasText: "Auto-layout would not improve this diagram",
  }).waitFor();
  assert.deepEqual(await graphOf(second), shown);
  assert.equal(
    await second.evaluate(() => (globalThis as Any).__editor.stack.canUndo),
    false,
    "nothing to undo",
  );
  const saved = await modelerApi(app, "GET", `/api/v1/processes/${tidy.id}/draft`);
  assert.deepEqual(saved.body.graph, shown);
});

it("the German command bar stays on one line at common widths, its commands still named", async () => {
  const { id } = await processWith(app, ONE_LANE);
  for (const width of [1024, 1280, 1366, 1920]) {
    const page = await openEditorPage(app, id, { locale: "de-DE", width });
    const bar = page.locator("procedo-editor-toolbar [role=toolbar]");
    // One row of commands is about 41 px high; a second row would make it about 77.
    await page.waitForFunction(() => {
      const root = (globalThis as Any).__editor.renderRoot.querySelector("procedo-editor-toolbar")
        .shadowRoot.querySelector("[role=toolbar]");
      return root.getBoundingClientRect().height < 56;
    });
    // The words are there for screen readers even where only the icons show (clipped, not
    // removed).
    for (const [action, words] of [["layout", "Automatisch anordnen"], ["save", "Speichern"]]) {
      const text = bar.locator(`[data-action="${action}"] .text`);
      assert.equal(await text.textContent(), words);
      assert.notEqual(await text.evaluate((el) => getComputedStyle(el).display), "none");
    }
    if (width >= 1920) {
      assert.equal(await bar.evaluate((b) => b.classList.contains("compact")), false, "words");
    }
    await page.context().close();
  }
});
