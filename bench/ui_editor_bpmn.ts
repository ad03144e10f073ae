// bpmn-js in the editor bench, for comparison only: its prebuilt Modeler (the npm package's
// UMD file, pinned in import_map.json; never part of the app's bundle) in a blank page, given
// the BPMN XML our API exports for the same process. Measured in the page: importXML, fit to
// the viewport and the first painted frame; and a node drag at 100 % zoom, frame by frame,
// like ours.
import type { Page } from "playwright-core";

const DIST = new URL("../node_modules/bpmn-js/dist/", import.meta.url);

/** The pinned version (from the package that is installed). */
export async function bpmnJsVersion(): Promise<string> {
  const pkg = JSON.parse(await Deno.readTextFile(new URL("../package.json", DIST)));
  return pkg.version;
}

/** A blank page with bpmn-js's Modeler and its styles loaded (not part of any timing). */
export async function openBpmnJsPage(page: Page) {
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%}` +
      `#canvas{position:fixed;inset:0}</style></head><body><div id="canvas"></div></body></html>`,
  );
  for (const css of ["assets/diagram-js.css", "assets/bpmn-js.css"]) {
    await page.addStyleTag({ content: await Deno.readTextFile(new URL(css, DIST)) });
  }
  await page.addScriptTag({
    content: await Deno.readTextFile(new URL("bpmn-modeler.production.min.js", DIST)),
  });
}

export interface BpmnJsOpen {
  ms: number;
  shapes: number;
  warnings: number;
}

/** In the page: a new Modeler imports `xml`, fits it and paints (ms); the old one goes. */
export function importInPage(page: Page, xml: string): Promise<BpmnJsOpen> {
  return page.evaluate(async (xml) => {
    // deno-lint-ignore no-explicit-any
    const g = globalThis as any;
    g.modeler?.destroy();
    const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    await painted();
    const start = performance.now();
    const modeler = new g.BpmnJS({ container: "#canvas" });
    const result = await modeler.importXML(xml);
    modeler.get("canvas").zoom("fit-viewport");
    await painted();
    const ms = performance.now() - start;
    g.modeler = modeler;
    const shapes = modeler.get("elementRegistry").filter(
      // deno-lint-ignore no-explicit-any
      (e: any) => e.type !== "label" && !e.waypoints,
    ).length;
    return { ms, shapes, warnings: result.warnings.length };
  }, xml);
}

/**
 * The task nearest the middle of the fitted view, zoomed to 100 % and scrolled into the
 * middle (where a person edits): its id and screen centre.
 */
export async function bpmnJsTaskAt100(page: Page): Promise<{ id: string; x: number; y: number }> {
  await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const modeler = (globalThis as any).modeler;
    const registry = modeler.get("elementRegistry");
    const cx = innerWidth / 2, cy = innerHeight / 2;
    let best = { id: "", d: Infinity };
    // deno-lint-ignore no-explicit-any
    for (const el of registry.filter((e: any) => e.type === "bpmn:Task")) {
      const r = registry.getGraphics(el).getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (d < best.d) best = { id: el.id, d };
    }
    const shape = registry.get(best.id);
    const canvas = modeler.get("canvas");
    // Centred at 100 %, so the drag stays inside the view.
    canvas.viewbox({
      x: shape.x + shape.width / 2 - innerWidth / 2,
      y: shape.y + shape.height / 2 - innerHeight / 2,
      width: innerWidth,
      height: innerHeight,
    });
    (globalThis as unknown as { benchTarget: string }).benchTarget = best.id;
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  });
  return await page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const g = globalThis as any;
    const registry = g.modeler.get("elementRegistry");
    const r = registry.getGraphics(g.benchTarget).getBoundingClientRect();
    return { id: g.benchTarget as string, x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
}

/** Where bpmn-js has the shape now (to check that a drag moved it). */
export function bpmnJsShapeAt(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    // deno-lint-ignore no-explicit-any
    const shape = (globalThis as any).modeler.get("elementRegistry").get(id);
    return { x: shape.x, y: shape.y };
  }, id);
}
