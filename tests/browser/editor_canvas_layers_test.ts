// How Chromium composites the editor's drawing while a node is dragged. The drawing is one
// compositing layer (svg.drawing); a drag only changes transform attributes, so each frame
// costs a re-layerization, which is cheap while that one layer holds every step. When the
// drawing's layer was not known to be opaque (the view showing anything off the lanes:
// below the last lane, a lane border's half past it), Chromium gave node after node a layer
// of its own, for LCD text, and re-layerized them all on every frame — with 1,000 nodes
// frames of 0.4-0.6 s (bench/ui_editor.ts). Counted here through the DevTools protocol's
// layer tree, so the test holds without timing anything.
import assert from "node:assert/strict";
import type { CDPSession, Page } from "playwright-core";
import { type BrowserApp, browserTest, startBrowserApp } from "../support/browser.ts";
import { bundleEditorCanvas, mountEditorCanvas } from "../support/editor_canvas.ts";
import { centreOf, graphOf } from "../support/canvas_gestures.ts";
import { generateGraph } from "../../ui/editor/testing/graphs.ts";

const app: BrowserApp = await startBrowserApp();
const it = (name: string, fn: () => Promise<void>) => browserTest(() => app, name, fn);
const bundle = await bundleEditorCanvas();

// deno-lint-ignore no-explicit-any
type Any = any;

/** The modeler's page with a canvas over the app, drawing `graph`. */
const mount = (graph: unknown): Promise<Page> => mountEditorCanvas(app, bundle, graph);

/** The elements of the drawing (other than the <svg> itself) that have a layer of their own. */
async function layersInDrawing(cdp: CDPSession, layers: Any[]): Promise<string[]> {
  const inside: string[] = [];
  for (const layer of layers) {
    if (!layer.backendNodeId) continue;
    const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: layer.backendNodeId });
    if (!object.objectId) continue;
    const { result } = await cdp.send("Runtime.callFunctionOn", {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const svg = this.ownerSVGElement;
        if (!svg || !svg.classList.contains("drawing")) return "";
        return "<" + this.localName + " " + (this.getAttribute("class") ?? "") + " " +
          (this.getAttribute("data-node-id") ?? "") + ">";
      }`,
      returnByValue: true,
    });
    if (result.value) inside.push(result.value);
  }
  return inside;
}

it("dragging a step with the view below the last lane keeps the drawing one compositing layer", async () => {
  const graph = generateGraph(240, 7, 4);
  const page = await mount(graph);
  // At 100 %, a step of the last lane near the middle, with the empty space below the lanes
  // in the lower part of the view.
  const last = graph.lanes.at(-1)!.id;
  const inLast = graph.nodes.filter((n) => n.laneId === last && n.type === "task");
  const node = inLast[Math.floor(inLast.length / 2)];
  await page.evaluate((n) => {
    const c = (globalThis as Any).document.querySelector("procedo-editor-canvas");
    const vp = c.viewport;
    vp.zoomTo(1);
    vp.panBy(
      vp.width / 2 - (n.x + n.width / 2) - vp.x,
      vp.height / 3 - (n.y + n.height / 2) - vp.y,
    );
  }, node);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));

  const cdp = await page.context().newCDPSession(page);
  let layers: Any[] = [];
  cdp.on("LayerTree.layerTreeDidChange", (e: Any) => {
    if (e.layers) layers = e.layers;
  });
  await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
  await cdp.send("LayerTree.enable");
  const from = await centreOf(page, node.id);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 80, from.y + 20, { steps: 10 });
  // The layer tree of the frames during the drag (it reports on the next commit).
  await page.waitForFunction(() => new Promise((ok) => requestAnimationFrame(() => ok(true))));
  await page.waitForTimeout(200);
  assert.ok(layers.length > 0, "the layer tree was reported");
  const own = await layersInDrawing(cdp, layers);
  await page.mouse.up();
  assert.deepEqual(own, [], `elements of the drawing composited on their own: ${own.length}`);
  // The drag itself went through.
  const moved = (await graphOf(page)).nodes.find((n: Any) => n.id === node.id);
  assert.ok(moved.x > node.x, "the step moved");
  await page.context().close();
});
