// The process editor's canvas in a real browser, inside the running app (signed in, the
// app's theme and Fluent components loaded). The canvas module is bundled for the test and
// loaded from the app's origin; a CommandStack holds the graph, and every assertion reads
// the resulting graph from `canvas.stack.graph`. Pointer gestures (palette drag and drop,
// connecting, rubber band, lane border and header drags, node drags), the lane tools
// (rename, bind to a position through the org chart API, delete after a confirmation),
// clipboard, align, inline label editing, the keyboard, findings markers and axe.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  assertAccessible,
  type BrowserApp,
  browserTest,
  focusedElement,
  startBrowserApp,
} from "../support/browser.ts";
import { centreOf, connect, drag, dropShape, graphOf, toPage } from "../support/canvas_gestures.ts";
import { bundleEditorCanvas, mountEditorCanvas } from "../support/editor_canvas.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const bundle = await bundleEditorCanvas();

// deno-lint-ignore no-explicit-any
type Any = any;

const EMPTY = { schemaVersion: 1, lanes: [], nodes: [], edges: [] };

/** Signs in as the modeler and mounts a canvas over the app with `graph`. */
const mount = (graph: unknown = EMPTY, options: { findings?: unknown[] } = {}) =>
  mountEditorCanvas(app, bundle, graph, options);

const selected = (page: Page) =>
  page.evaluate(() => [...(globalThis as Any).__canvas.selection.ids].sort() as string[]);
const events = (page: Page, type: string) =>
  page.evaluate((type) => (globalThis as Any).__events.filter((e: Any) => e.type === type), type);

const laneTop = (g: Any, id: string) => {
  let top = 0;
  for (const l of g.lanes) {
    if (l.id === id) return top;
    top += l.size;
  }
  throw new Error(`no lane ${id}`);
};

it("building a process with the pointer: lanes, shapes, flows, selection, clipboard, lanes tools", async () => {
  const page = await mount();

  // Three lanes: a click, Enter on the palette entry, and a drop.
  await page.locator('procedo-editor-palette button[data-type="lane"]').click();
  await page.locator('procedo-editor-palette button[data-type="lane"]').press("Enter");
  await dropShape(page, "lane", { x: 300, y: 300 });
  let g = await graphOf(page);
  assert.deepEqual(g.lanes.map((l: Any) => l.name), ["Lane 1", "Lane 2", "Lane 3"]);
  const [l1, l2, l3] = g.lanes.map((l: Any) => l.id);

  // Shapes dropped into lanes land where they were dropped, in that lane.
  const mid = (id: string) => laneTop(g, id) + g.lanes.find((l: Any) => l.id === id).size / 2;
  await dropShape(page, "start", { x: 100, y: mid(l1) });
  await dropShape(page, "task", { x: 260, y: mid(l1) });
  await dropShape(page, "task", { x: 460, y: mid(l2) });
  await dropShape(page, "end", { x: 640, y: mid(l3) });
  g = await graphOf(page);
  assert.deepEqual(
    g.nodes.map((n: Any) => [n.type, n.laneId]),
    [["start", l1], ["task", l1], ["task", l2], ["end", l3]],
  );
  const [start, t1, t2, end] = g.nodes.map((n: Any) => n.id);
  const task = g.nodes[1];
  assert.equal(task.x + task.width / 2, 260, "centred where dropped (on the grid)");

  // Connections from the handles; a self-loop is refused with a message.
  await connect(page, start, t1);
  await connect(page, t1, t2);
  await connect(page, t2, end);
  g = await graphOf(page);
  assert.deepEqual(g.edges.map((e: Any) => [e.from, e.to]), [[start, t1], [t1, t2], [t2, end]]);
  assert.ok(g.edges.every((e: Any) => e.waypoints.length >= 2), "routed");
  // Back onto itself: the refusal shows beside the target while dragging, then as an error.
  const own = (await graphOf(page)).nodes.find((x: Any) => x.id === t1);
  const handle1 = await toPage(page, { x: own.x + own.width + 12, y: own.y + own.height / 2 });
  await page.mouse.move(handle1.x - 30, handle1.y);
  await page.mouse.move(handle1.x, handle1.y);
  await page.mouse.down();
  const centre1 = await centreOf(page, t1);
  await page.mouse.move(centre1.x, centre1.y, { steps: 4 });
  assert.match(
    (await page.locator("procedo-editor-canvas [data-testid=connect-refusal]").textContent())!,
    /own step/,
  );
  await page.mouse.up();
  await page.locator("procedo-editor-canvas [data-testid=connect-refusal]").waitFor({
    state: "detached",
  });
  const errors = await events(page, "canvas-error");
  assert.equal(errors.length, 1);
  assert.match(errors[0].detail.message, /own step/);
  assert.equal((await graphOf(page)).edges.length, 3);

  // Rubber band around both tasks selects them and the flow between them.
  const a = await toPage(page, { x: 180, y: laneTop(g, l1) + 8 });
  const b = await toPage(page, { x: 560, y: laneTop(g, l3) - 8 });
  await drag(page, a, b);
  const flow12 = g.edges[1].id;
  assert.deepEqual(await selected(page), [t1, t2, flow12].sort());
  const change = (await events(page, "selection-change")).at(-1);
  assert.deepEqual(change.detail.ids.sort(), [t1, t2, flow12].sort());

  // Align their centres vertically.
  await page.evaluate(() => (globalThis as Any).__canvas.align("centerX"));
  g = await graphOf(page);
  const [n1, n2] = [t1, t2].map((id) => g.nodes.find((n: Any) => n.id === id));
  assert.equal(n1.x + n1.width / 2, n2.x + n2.width / 2);

  // Copy and paste: two more tasks and their flow, selected; Delete removes them again.
  await page.locator(`procedo-editor-canvas [data-node-id="${t1}"]`).focus();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await page.waitForFunction(() => (globalThis as Any).__canvas.stack.graph.nodes.length === 6);
  g = await graphOf(page);
  assert.equal(g.edges.length, 4);
  const pasted = g.nodes.slice(4).map((n: Any) => n.id);
  assert.deepEqual(
    (await selected(page)).filter((id) => pasted.includes(id)).sort(),
    pasted.sort(),
  );
  await page.keyboard.press("Delete");
  g = await graphOf(page);
  assert.equal(g.nodes.length, 4);
  assert.equal(g.edges.length, 3);

  // Rename a task inline: double-click, type, Enter.
  await page.locator(`procedo-editor-canvas [data-node-id="${t1}"] .shape`).dblclick();
  const field = page.locator("procedo-editor-canvas textarea.inline-edit");
  await field.fill("Check the order");
  await field.press("Enter");
  await field.waitFor({ state: "detached" });
  g = await graphOf(page);
  assert.equal(g.nodes.find((n: Any) => n.id === t1).label, "Check the order");
  await page.locator(`procedo-editor-canvas [data-node-id="${t1}"] .shape`).dblclick({
    position: { x: 10, y: 10 },
  });
  assert.deepEqual((await events(page, "request-properties")).map((e: Any) => e.detail.id), [t1]);

  // Resize the task by its lower right handle.
  await page.evaluate((id) => (globalThis as Any).__canvas.focusNode(id), t1);
  const n = (await graphOf(page)).nodes.find((x: Any) => x.id === t1);
  const corner = await toPage(page, { x: n.x + n.width, y: n.y + n.height });
  const k = await scale(page);
  await drag(page, corner, { x: corner.x + 40 * k, y: corner.y + 20 * k });
  const resized = (await graphOf(page)).nodes.find((x: Any) => x.id === t1);
  assert.ok(resized.width >= n.width + 30 && resized.height >= n.height + 10, "bigger");
  assert.equal(resized.x, n.x, "the left side stays");

  // Label a flow inline (double-click near its line), then move its end to another step.
  g = await graphOf(page);
  const last = g.edges[2];
  const [p0, p1] = last.waypoints.slice(-2);
  await page.mouse.dblclick(
    ...Object.values(await toPage(page, { x: (p0.x + p1.x) / 2, y: (p0.y + p1.y) / 2 + 2 })) as [
      number,
      number,
    ],
  );
  await field.fill("done");
  await field.press("Enter");
  assert.equal((await graphOf(page)).edges[2].label, "done");
  await page.evaluate((id) => (globalThis as Any).__canvas.focusNode(id), last.id);
  const tip = await toPage(page, last.waypoints.at(-1));
  await drag(page, tip, await centreOf(page, start));
  g = await graphOf(page);
  assert.deepEqual([g.edges[2].from, g.edges[2].to], [t2, start], "reconnected");

  // Drag the second task into the first lane: it changes lane.
  const depth = () => page.evaluate(() => (globalThis as Any).__canvas.stack.undoDepth);
  const steps = await depth();
  await drag(page, await centreOf(page, t2), await toPage(page, { x: 460, y: mid(l1) }));
  g = await graphOf(page);
  assert.equal(g.nodes.find((n: Any) => n.id === t2).laneId, l1);
  const moved = await centreOf(page, t2);
  await drag(page, moved, { x: moved.x + 30, y: moved.y });
  assert.equal(await depth(), steps + 2, "each drag is an undo step of its own");

  // Resize the first lane by its lower border.
  const size1 = g.lanes[0].size;
  const border = await toPage(page, { x: 700, y: size1 });
  await drag(page, border, { x: border.x, y: border.y + 60 * (await scale(page)) });
  g = await graphOf(page);
  assert.ok(
    Math.abs(g.lanes[0].size - (size1 + 60)) <= 10,
    `lane 1 grew by 60: ${g.lanes[0].size}`,
  );

  // Reorder: the third lane's header dragged to the top.
  const header3 = await toPage(page, { x: 15, y: mid(l3) + (g.lanes[0].size - size1) });
  await drag(page, header3, await toPage(page, { x: 15, y: 5 }));
  g = await graphOf(page);
  assert.deepEqual(g.lanes.map((l: Any) => l.id), [l3, l1, l2]);
  assert.equal(g.nodes.find((n: Any) => n.id === end).laneId, l3, "its steps move along");

  // Bind the first lane to a position found through the org chart API.
  await page.locator(`procedo-editor-canvas [data-lane-header="${l1}"]`).click();
  await page.getByTestId("lane-bind").click();
  await page.locator("procedo-lane-binding input").fill("Accountant");
  const option = page.locator("procedo-lane-binding button[data-bind]", { hasText: "Accountant" })
    .first();
  await option.click();
  g = await graphOf(page);
  const accountant = await positionId("Accountant");
  assert.equal(g.lanes.find((l: Any) => l.id === l1).positionId, accountant);
  assert.match(
    (await page.locator(`procedo-editor-canvas [data-lane-header="${l1}"]`).getAttribute(
      "aria-label",
    ))!,
    /Lane 1, Accountant/,
  );

  // Rename the lane from its tools, then delete the second lane with its step after confirming.
  await page.locator(`procedo-editor-canvas [data-lane-header="${l1}"]`).click();
  await page.getByTestId("lane-rename").click();
  await field.fill("Accounting");
  await field.press("Enter");
  assert.equal((await graphOf(page)).lanes.find((l: Any) => l.id === l1).name, "Accounting");
  await page.locator(`procedo-editor-canvas [data-lane-header="${l1}"]`).click();
  await page.getByTestId("lane-delete").click();
  await page.locator("procedo-editor-canvas procedo-confirm fluent-button[data-confirm]").click();
  // Closed, fade-out included: axe below must not judge the dialog's text half transparent.
  await page.locator("procedo-editor-canvas procedo-confirm h2").waitFor({ state: "hidden" });
  g = await graphOf(page);
  assert.deepEqual(g.lanes.map((l: Any) => l.id), [l3, l2]);
  assert.deepEqual(g.nodes.map((n: Any) => n.id), [end], "its steps and their flows went along");
  assert.equal(g.edges.length, 0);

  await assertAccessible(page, "editor canvas");
});

async function scale(page: Page): Promise<number> {
  return await page.evaluate(() => (globalThis as Any).__canvas.viewport.scale);
}

async function positionId(title: string): Promise<string> {
  const res = await app.t.call("GET", `/api/v1/orgchart/positions?q=${encodeURIComponent(title)}`, {
    token: await app.t.token("modeler"),
  });
  const found = (await res.json()).items.find((p: Any) => p.title === title);
  assert.ok(found, `sample position ${title}`);
  return found.id;
}

const SAMPLE = {
  schemaVersion: 1,
  lanes: [
    { id: "sales", name: "Sales", positionId: null, orgUnitId: null, size: 160 },
    { id: "stock", name: "Stock", positionId: null, orgUnitId: null, size: 160 },
  ],
  nodes: [
    {
      id: "s",
      type: "start",
      label: "Order in",
      laneId: "sales",
      x: 60,
      y: 62,
      width: 36,
      height: 36,
    },
    {
      id: "a",
      type: "task",
      label: "Check",
      laneId: "sales",
      x: 160,
      y: 50,
      width: 120,
      height: 60,
    },
    {
      id: "b",
      type: "task",
      label: "Pick",
      laneId: "stock",
      x: 340,
      y: 210,
      width: 120,
      height: 60,
    },
  ],
  edges: [
    { id: "f1", from: "s", to: "a", label: "", condition: null, waypoints: [] },
    { id: "f2", from: "a", to: "b", label: "", condition: null, waypoints: [] },
  ],
};

it("the keyboard reaches everything; findings are marked; read-only stops changes", async () => {
  const page = await mount(SAMPLE, {
    findings: [
      {
        code: "task-unreachable",
        severity: "warning",
        message: "Nobody picks this up.",
        nodeId: "b",
      },
    ],
  });
  // Tab from the palette lands on the first lane; arrows walk lanes and steps.
  await page.locator('procedo-editor-palette button[data-type="lane"]').focus();
  await page.keyboard.press("Tab");
  assert.match((await focusedElement(page))!.text, /Sales/);
  await page.keyboard.press("ArrowRight");
  const focusedId = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute("data-node-id") ?? el?.getAttribute("data-edge-id") ??
        el?.getAttribute("data-lane-header");
    });
  assert.equal(await focusedId(), "s");
  await page.keyboard.press("ArrowRight");
  assert.equal(await focusedId(), "a");

  // Enter selects; arrows then move the selection, one undo step per burst.
  await page.keyboard.press("Enter");
  assert.deepEqual(await selected(page), ["a"]);
  const depth = await page.evaluate(() => (globalThis as Any).__canvas.stack.undoDepth);
  await page.keyboard.down("ArrowRight");
  await page.keyboard.down("ArrowRight");
  await page.keyboard.up("ArrowRight");
  let g = await graphOf(page);
  assert.equal(g.nodes.find((n: Any) => n.id === "a").x, 180);
  assert.equal(await page.evaluate(() => (globalThis as Any).__canvas.stack.undoDepth), depth + 1);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => (globalThis as Any).__canvas.stack.undoDepth), depth + 2);

  // Alt+arrows move the focus even on a selected step; F2 renames, Escape cancels.
  await page.keyboard.press("Alt+ArrowLeft");
  assert.equal(await focusedId(), "s");
  await page.keyboard.press("F2");
  await page.keyboard.type("Ignored");
  await page.keyboard.press("Escape");
  await page.keyboard.press("F2");
  await page.keyboard.type("Order ");
  // A re-render while typing (the container passes new findings) keeps what was typed.
  await page.evaluate(() => {
    const c = (globalThis as Any).__canvas;
    c.findings = [...c.findings];
  });
  await page.keyboard.type("received");
  await page.keyboard.press("Enter");
  g = await graphOf(page);
  assert.equal(g.nodes.find((n: Any) => n.id === "s").label, "Order received");
  assert.equal(await focusedId(), "s", "the focus returns to the step");

  // Ctrl+Right goes to the step's flow, again to its target.
  await page.keyboard.press("Control+ArrowRight");
  assert.equal(await focusedId(), "f1");
  await page.keyboard.press("Control+ArrowRight");
  assert.equal(await focusedId(), "a");
  await page.keyboard.press("Control+a");
  assert.equal((await selected(page)).length, 5);
  await page.keyboard.press("Escape");
  assert.deepEqual(await selected(page), []);

  // A shape from the palette by keyboard: into the selected lane, where nothing is.
  await page.locator('procedo-editor-canvas [data-lane-header="stock"]').click();
  await page.locator('procedo-editor-palette button[data-type="lane"]').focus();
  await page.keyboard.press("ArrowDown"); // start
  await page.keyboard.press("ArrowDown"); // end
  await page.keyboard.press("ArrowDown"); // task
  await page.keyboard.press("Enter");
  g = await graphOf(page);
  const added = g.nodes.at(-1);
  assert.equal(added.type, "task");
  assert.equal(added.laneId, "stock");
  const overlaps = g.nodes.filter((n: Any) =>
    n !== added && n.x < added.x + added.width && added.x < n.x + n.width &&
    n.y < added.y + added.height && added.y < n.y + n.height
  );
  assert.deepEqual(overlaps, [], "a free spot");
  assert.equal(await focusedId(), added.id);
  await page.keyboard.press("Delete");
  assert.equal((await graphOf(page)).nodes.length, 3);

  // The finding's marker and message on the step.
  const marked = page.locator('procedo-editor-canvas [data-node-id="b"]');
  assert.equal(await marked.locator(".marker.warning").count(), 1);
  assert.equal(await marked.locator(":scope > title").textContent(), "Nobody picks this up.");
  await assertAccessible(page, "editor canvas with findings");
  // Zoomed far out a badge would be a speck: the step is outlined in the finding's colour.
  await page.evaluate(() => (globalThis as Any).__canvas.viewport.zoomTo(0.1));
  await page.locator('procedo-editor-canvas [data-node-id="b"].flagged.warning').waitFor();
  assert.equal(await marked.locator(".marker").count(), 0);
  assert.equal(await marked.locator(":scope > title").textContent(), "Nobody picks this up.");
  await page.evaluate(() => (globalThis as Any).__canvas.viewport.zoomTo(1));
  await marked.locator(".marker.warning").waitFor();

  // Read-only: no palette, no handles, keys change nothing.
  await page.evaluate(() => ((globalThis as Any).__canvas.readonly = true));
  await page.locator("procedo-editor-palette").waitFor({ state: "detached" });
  const before = await graphOf(page);
  await page.locator('procedo-editor-canvas [data-node-id="a"]').focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Delete");
  await page.keyboard.press("ArrowRight");
  assert.deepEqual(await graphOf(page), before);
});

it("zoom, fit and the minimap of a large process", async () => {
  const lanes = Array.from({ length: 10 }, (_, i) => ({
    id: `l${i}`,
    name: `Lane ${i}`,
    positionId: null,
    orgUnitId: null,
    size: 200,
  }));
  const nodes = Array.from({ length: 300 }, (_, i) => ({
    id: `n${i}`,
    type: "task",
    label: `Step ${i}`,
    laneId: `l${i % 10}`,
    x: 60 + Math.floor(i / 10) * 180,
    y: (i % 10) * 200 + 70,
    width: 120,
    height: 60,
  }));
  const page = await mount({ schemaVersion: 1, lanes, nodes, edges: [] });
  const level = page.locator("procedo-editor-canvas [data-testid=zoom-level]");
  const fitted = await level.textContent();
  await page.getByTestId("zoom-in").click();
  assert.notEqual(await level.textContent(), fitted);
  await page.getByTestId("fit").click();
  assert.equal(await level.textContent(), fitted);
  await page.getByTestId("zoom-in").click();
  await page.getByTestId("zoom-in").click();
  await page.getByTestId("zoom-in").click();
  const minimap = page.getByTestId("minimap");
  await minimap.waitFor();
  const before = await page.evaluate(() => (globalThis as Any).__canvas.viewport.x);
  const box = (await minimap.boundingBox())!;
  await page.mouse.click(box.x + box.width - 6, box.y + box.height / 2);
  const after = await page.evaluate(() => (globalThis as Any).__canvas.viewport.x);
  assert.ok(after < before, "the view moved to the right end");
  // Ctrl+wheel zooms around the pointer.
  const zoom = await level.textContent();
  await page.mouse.move(600, 400);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, 200);
  await page.keyboard.up("Control");
  await page.waitForFunction(
    (z) =>
      (globalThis as Any).__canvas.shadowRoot.querySelector("[data-testid=zoom-level]")
        .textContent !== z,
    zoom,
  );
});
