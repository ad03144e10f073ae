// Pointer gestures on the process editor's canvas (<procedo-editor-canvas>) for browser
// tests, done as a person does them: real mouse moves and HTML5 drag and drop at page
// coordinates worked out from the canvas' current view, so zoom and pan are honoured.
// The page must show exactly one canvas; graphs are read from the canvas' command stack.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** A point in page pixels or in diagram units, as the function says. */
export interface Pt {
  x: number;
  y: number;
}

const CANVAS = "procedo-editor-canvas";

/**
 * The graph the canvas shows (its command stack's current graph), as the JSON it is: untyped,
 * so a test can look into it without proving each element exists first.
 */
// deno-lint-ignore no-explicit-any
export function graphOf(page: Page): Promise<any> {
  // deno-lint-ignore no-explicit-any
  return page.locator(CANVAS).evaluate((c: any) => c.stack.graph);
}

/** Diagram units to page coordinates, through the canvas' current view. */
export function toPage(page: Page, p: Pt): Promise<Pt> {
  // deno-lint-ignore no-explicit-any
  return page.locator(CANVAS).evaluate((c: any, { x, y }) => {
    const r = c.shadowRoot.querySelector(".canvas").getBoundingClientRect();
    const vp = c.viewport;
    return { x: r.left + vp.x + x * vp.scale, y: r.top + vp.y + y * vp.scale };
  }, p);
}

/** The page coordinates of the centre of node `id`. */
export async function centreOf(page: Page, id: string): Promise<Pt> {
  const n = (await graphOf(page)).nodes.find((x: { id: string }) => x.id === id);
  assert.ok(n, `node ${id}`);
  return await toPage(page, { x: n.x + n.width / 2, y: n.y + n.height / 2 });
}

/**
 * Presses at `from`, moves to `to` in two legs of small steps (so the canvas sees a drag,
 * not a jump) and releases; `shift` holds Shift throughout. Page coordinates.
 */
export async function drag(page: Page, from: Pt, to: Pt, options: { shift?: boolean } = {}) {
  await page.mouse.move(from.x, from.y);
  if (options.shift) await page.keyboard.down("Shift");
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  if (options.shift) await page.keyboard.up("Shift");
}

/** Drags a palette entry (HTML5 drag and drop) to a point of the diagram (diagram units). */
export async function dropShape(page: Page, type: string, at: Pt) {
  const canvas = page.locator(`${CANVAS} .canvas`);
  const box = (await canvas.boundingBox())!;
  const p = await toPage(page, at);
  await page.locator(`procedo-editor-palette button[data-type="${type}"]`).dragTo(canvas, {
    targetPosition: { x: p.x - box.x, y: p.y - box.y },
  });
}

/** Connects two nodes by dragging from the source's connection handle to the target. */
export async function connect(page: Page, from: string, to: string) {
  const source = (await graphOf(page)).nodes.find((n: { id: string }) => n.id === from);
  assert.ok(source, `node ${from}`);
  const handle = await toPage(page, {
    x: source.x + source.width + 12,
    y: source.y + source.height / 2,
  });
  const centre = await centreOf(page, from);
  await page.mouse.move(centre.x, centre.y); // hovering the node shows its handle
  await drag(page, handle, await centreOf(page, to));
}
