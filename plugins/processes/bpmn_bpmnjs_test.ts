// Our exports open in bpmn-js (the library behind Camunda Modeler and bpmn.io) without a
// single warning: every corpus file, imported and exported again, in headless Chromium.
// bpmn-js also sees what we kept — the default-flow marker's `default` reference, catching
// events, embedded subprocesses (a closed one with its own drill-down plane), child lanes.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { importInPage, openBpmnJsPage } from "../../bench/ui_editor_bpmn.ts";
import { CHROMIUM } from "../../tests/support/browser.ts";
import { CORPUS } from "./testdata/corpus.ts";
import { exportBpmn } from "./bpmn_export.ts";
import { importBpmn } from "./bpmn_import.ts";

const META = { processId: "0190c5a4-1a2b-7c3d-8e4f-0000000000cc", title: "Round trip" };
const read = (name: string) => Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("every corpus file, exported by us, opens in bpmn-js with no warnings", async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    await openBpmnJsPage(page);
    for (const { file, pool } of CORPUS) {
      const { graph } = await importBpmn(await read(file), pool ? { pool } : {});
      const opened = await importInPage(page, await exportBpmn(graph, META));
      assert.equal(opened.warnings, 0, `${file}: bpmn-js warns`);
      const drawn = graph.nodes.length + graph.lanes.length + 1; // and the pool
      const parents = new Set(graph.lanes.flatMap((l) => l.parent ? [l.parent] : [])).size;
      assert.ok(opened.shapes >= drawn + parents - 1, `${file}: ${opened.shapes} shapes`);
    }
    // What bpmn-js makes of the features we keep.
    const { graph } = await importBpmn(await read("camunda_fidelity.bpmn"));
    await importInPage(page, await exportBpmn(graph, META));
    const seen = await page.evaluate(() => {
      // deno-lint-ignore no-explicit-any
      const registry = (globalThis as any).modeler.get("elementRegistry");
      const bo = (id: string) => registry.get(id)?.businessObject;
      return {
        defaultOf: bo("Gateway_0s0lv3d")?.default?.id,
        catch: bo("Event_0w41t00")?.$type,
        open: registry.get("Activity_1c0ll3c")?.collapsed,
        closed: registry.get("Activity_0esc4l8")?.collapsed,
        // bpmn-js draws a closed subprocess's inside on a plane of its own ("…_plane").
        inside: registry.get("Activity_0v3nd0r") ? "drawn" : "missing",
        childLane: bo("Lane_1f1rst0")?.$parent?.$parent?.name,
      };
    });
    assert.deepEqual(seen, {
      defaultOf: "Flow_0d3f4ul",
      catch: "bpmn:IntermediateCatchEvent",
      open: false,
      closed: true,
      inside: "drawn",
      childLane: "Service desk",
    });
  } finally {
    await browser.close();
  }
});
