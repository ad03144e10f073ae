// Benchmark of the process editor with a 1,000-node process (issue 7, "Speed": open until the
// editor responds under 1 s; median frame time under 33 ms while dragging a node; compared
// with bpmn-js importing the same process as BPMN XML). Headless Chromium with the browser
// tests' set-up (built UI, in-process app on the private MariaDB, same flags), as a modeler.
//
// The process: a generated, auto-laid-out graph of 1,000 nodes in 8 lanes (tasks, gateways,
// rework loops, annotations), saved as the draft through the API (so it is valid for it).
//
// How the editor is opened: through the app, as a modeler does — signed in, the process's
// editing page /processes/{id}/edit loaded (app boot, session, the page's chunk with the
// editor, GET process and draft, the canvas). A probe added to every page of the context
// (bench/ui_editor_probe.ts) notes when the canvas puts its "procedo:editor-drawn" User
// Timing mark (every node in the DOM) and the frame after it is painted. The canvas alone,
// for the comparison with bpmn-js, is mounted on a bench page of its own
// (bench/ui_editor_page.ts, served from the app's origin).
//
// Measured (times in the page, from its own clock):
//   1. open: navigation start → the editor's canvas shows all 1,000 nodes (frame painted) →
//      plus a real click on a node until its selection is painted (pointerdown timestamp →
//      painted; Playwright's round trip between the two is not the editor's and is left out);
//   2. drag: a task near the middle, zoomed to 100 % (where people edit; the fitted view of
//      1,000 nodes is about 2 % and its tasks are two pixels wide) with all nodes still in
//      the DOM, dragged by page.mouse in 60 steps; requestAnimationFrame timestamps meanwhile;
//   3. the canvas alone mounted with the graph in memory, and bpmn-js's Modeler importing the
//      exported XML (in memory) until painted — the like-for-like pair for the ratio; the same
//      drag in bpmn-js;
//   4. for reference, the app's process page (read-only viewer) loading the same draft.
// Standalone: `npx -y deno run -A bench/ui_editor.ts` prints the rows (a few minutes);
// `--only=open,canvas,drag,bpmn,viewer` runs some parts, and `--profile=DIR` writes a CPU
// profile, a Chromium trace and a screenshot of the first open of each kind and of each drag.
//
// Each drag is stored (the live room saves it), so the later runs start from the node moved
// by the ones before: from the third on, the view at 100 % shows the space below the last
// lane — the case that made Chromium composite node after node (see canvas_styles.ts).
import type { BrowserContext, Page } from "playwright-core";
import { createProcess, saveGraph } from "../plugins/processes/draft_fixtures.ts";
import { layoutGraph } from "../plugins/processes/layout.ts";
import { type BrowserApp, signIn, startBrowserApp } from "../tests/support/browser.ts";
import { generateProcessGraph } from "./processes_layout.ts";
import {
  bpmnJsShapeAt,
  bpmnJsTaskAt100,
  bpmnJsVersion,
  importInPage,
  openBpmnJsPage,
} from "./ui_editor_bpmn.ts";
import {
  dragFrames,
  type DragTimes,
  ourTaskAt100,
  ourTaskNearCentre,
} from "./ui_editor_pointer.ts";
import { installProbe } from "./ui_editor_probe.ts";
import { profiled } from "./ui_editor_profile.ts";
import { bundleBenchPage, serveBench } from "./ui_editor_serve.ts";
import { type BenchResult, loadNote, median, stats, summarize } from "./stats.ts";

const NODES = 1000;
const LANES = 8;
const OPEN_RUNS = 7;
const DRAG_RUNS = 5;
const STEPS = 60;
/** How far a drag goes on screen (px), at 100 % zoom: along the lane and a little down. */
const DRAG = { dx: 160, dy: 40 };

/** Progress on stderr: a 1,000-node run takes a while. */
const progress = (what: string) => console.error(`ui_editor: ${what}`);

/** The 1,000-node process, laid out by the server's layout, with step-like labels. */
function benchGraph() {
  const g = layoutGraph(generateProcessGraph(NODES, LANES, 1000));
  for (const [i, n] of g.nodes.entries()) {
    if (n.type === "task") n.label = `Check and approve request ${i + 1}`;
  }
  return g;
}

// ---- In the page -----------------------------------------------------------------------

declare const procedoBench: import("./ui_editor_page.ts").EditorBench;

/** A signed-in modeler's page, with the probe. */
async function modelerPage(app: BrowserApp): Promise<Page> {
  const page = await app.newPage();
  await installProbe(page.context() as BrowserContext);
  await signIn(app, page, "Max Modeler", "/processes");
  return page;
}

// ---- Our editor ----------------------------------------------------------------------------

interface Opened {
  drawn: number;
  interactive: number;
}

/**
 * Opens the editor and clicks a node. "link": a cold load of the editing page (a reload, a
 * link from elsewhere; from an empty page, so tearing down the previous run is not timed),
 * times from the navigation start. "edit": on the process page (its viewer drawn), a click
 * on Edit, times from that click — how a modeler opens the editor inside the app.
 */
async function openEditor(
  page: Page,
  url: string,
  how: "link" | "edit",
  profile?: string,
): Promise<Opened> {
  // A new query each time: the same URL again (a fragment only) would not load the page.
  const u = new URL(how === "link" ? url : url.replace(/\/edit$/, ""));
  u.searchParams.set("run", crypto.randomUUID());
  await page.goto("about:blank");
  const timed = <T>(fn: () => Promise<T>) => profile ? profiled(page, profile, fn) : fn();
  const drawn = () =>
    page.waitForFunction(
      () => {
        const b = (globalThis as { procedoBench?: typeof procedoBench }).procedoBench;
        return b?.drawnAt !== undefined || b?.error !== undefined;
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    );
  let start = 0;
  if (how === "edit") {
    await page.goto(u.href, { waitUntil: "load" });
    const edit = page.getByTestId("edit-process");
    await edit.waitFor();
    await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      addEventListener("pointerdown", (e) => (g.benchEdit ??= e.timeStamp), { capture: true });
    });
    await timed(async () => {
      await edit.click();
      await drawn();
    });
    start = await page.evaluate(() => (globalThis as unknown as { benchEdit: number }).benchEdit);
  } else {
    // The CPU profile stays with the blank page; the trace follows the navigation.
    await timed(async () => {
      await page.goto(u.href, { waitUntil: "commit" });
      await drawn();
    });
  }
  const error = await page.evaluate(() => procedoBench.error);
  if (error) throw new Error(`the editor page failed: ${error}`);
  const target = await ourTaskNearCentre(page);
  await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    g.benchDown = undefined;
    addEventListener("pointerdown", (e) => (g.benchDown ??= e.timeStamp), { capture: true });
    g.benchSelected = new Promise<number>((ok, fail) => {
      procedoBench.canvas()!.addEventListener(
        "selection-change",
        () => requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 0)),
        { once: true },
      );
      setTimeout(() => fail(new Error("no selection-change within 10 s")), 10_000);
    });
  });
  await page.mouse.click(target.x, target.y);
  const r = await page.evaluate(async (id) => {
    const g = globalThis as unknown as { benchDown: number; benchSelected: Promise<number> };
    const selectedAt = await g.benchSelected;
    return {
      drawn: procedoBench.drawnAt!,
      click: selectedAt - g.benchDown,
      selected: procedoBench.canvas()!.selection.ids.has(id),
    };
  }, target.id);
  if (!r.selected) throw new Error(`the click did not select ${target.id}`);
  return { drawn: r.drawn - start, interactive: r.drawn - start + r.click };
}

/** Drags a node (at 100 %) in a freshly opened editor; checks that it moved. */
async function dragInEditor(page: Page, url: string, profile?: string): Promise<DragTimes> {
  await openEditor(page, url, "edit");
  const target = await ourTaskAt100(page);
  const xOf = () =>
    page.evaluate((id) => {
      // deno-lint-ignore no-explicit-any
      const editor = procedoBench.editor() as any;
      return editor.stack.graph.nodes.find((n: { id: string }) => n.id === id).x as number;
    }, target.id);
  const before = await xOf();
  // The click of openEditor selected a node; the drag presses on another (or the same) one.
  const times = profile
    ? await profiled(page, profile, () => dragFrames(page, target, { ...DRAG, steps: STEPS }))
    : await dragFrames(page, target, { ...DRAG, steps: STEPS });
  if ((await xOf()) === before) throw new Error(`the drag did not move ${target.id}`);
  return times;
}

/** Where the editor for `id` opens: the app's editing page. */
const editorUrl = (app: BrowserApp, id: string) => `${app.baseUrl}/processes/${id}/edit`;

/** The parts of the bench, in the order they run (`--only=drag,bpmn` runs just those). */
export const PARTS = ["open", "canvas", "drag", "bpmn", "viewer"] as const;
export type Part = typeof PARTS[number];

export interface UiEditorOptions {
  /** Only these parts (all when absent). */
  only?: ReadonlySet<Part>;
  /** Writes a CPU profile and a Chromium trace of each drag in our editor here. */
  profileDir?: string;
}

export async function benchUiEditor(options: UiEditorOptions = {}): Promise<BenchResult[]> {
  const want = (part: Part) => !options.only || options.only.has(part);
  const app: BrowserApp = await startBrowserApp();
  const results: BenchResult[] = [];
  const server = serveBench(app, await bundleBenchPage());
  try {
    const token = await app.t.token("modeler");
    const id = await createProcess(app.t, token, { title: "Bench: 1,000-node editor" });
    const graph = benchGraph();
    await saveGraph(app.t, token, id, graph);
    const edges = graph.edges.length;
    const what = `${NODES} nodes, ${edges} edges, ${LANES} lanes`;
    const url = editorUrl(app, id);

    // 1. Open until interactive: a click on Edit on the process page, and a cold link.
    progress("seeded");
    const page = want("open") ? await modelerPage(app) : null;
    for (const how of page ? ["edit", "link"] as const : []) {
      const opened: Opened[] = [];
      for (let i = -1; i < OPEN_RUNS; i++) {
        const profile = i === 0 && options.profileDir
          ? `${options.profileDir}/open-${how}`
          : undefined;
        const o = await openEditor(page!, url, how, profile);
        progress(
          `open (${how}): drawn ${o.drawn.toFixed(0)} ms, interactive ${
            o.interactive.toFixed(0)
          } ms`,
        );
        if (i >= 0) opened.push(o);
      }
      results.push(stats(
        how === "edit"
          ? `UI editor: open a ${NODES}-node process until interactive (click on Edit → drawn → click selects)`
          : `UI editor: open a ${NODES}-node process until interactive (cold link: navigation → drawn → click selects)`,
        opened.map((o) => o.interactive),
        `${what}; ${
          how === "edit"
            ? "on the process page (viewer drawn), Edit → /processes/{id}/edit"
            : "/processes/{id}/edit loaded from an empty tab: app boot, session, chunk"
        }; canvas drawn ` +
          `at p50 ${
            median(opened.map((o) => o.drawn)).toFixed(0)
          } ms; target < 1000 ms; ${loadNote()}`,
      ));
    }
    await page?.context().close();

    // 3a. The canvas alone, graph in memory (the like-for-like pair of bpmn-js's import).
    const canvasTimes: number[] = [];
    if (want("canvas")) {
      const canvasPage = await app.newPage();
      await canvasPage.goto(`${server.baseUrl}/__bench__/editor.html#token=${token}`);
      await canvasPage.waitForFunction(() => "procedoBench" in globalThis);
      for (let i = -1; i < OPEN_RUNS; i++) {
        const ms = await canvasPage.evaluate((g) => procedoBench.mountCanvas(g), graph);
        if (i >= 0) canvasTimes.push(ms);
      }
      await canvasPage.context().close();
    }

    // 2. Drag a node, each run in a fresh context (no unsaved work or local drafts carried).
    const frames: number[] = [], drops: number[] = [];
    if (want("drag")) {
      progress("dragging in the editor");
      for (let i = -1; i < DRAG_RUNS; i++) {
        const p = await modelerPage(app);
        const profile = options.profileDir && `${options.profileDir}/drag${i + 1}`;
        const d = await dragInEditor(p, url, profile);
        progress(
          `drag: frame p95 ${summarize("", d.frames).p95.toFixed(1)} ms, drop ${
            d.drop.toFixed(0)
          } ms`,
        );
        if (i >= 0) frames.push(...d.frames), drops.push(d.drop);
        await p.context().close();
      }
      results.push(stats(
        `UI editor: drag a node among ${NODES} (frame time, ${STEPS}-step drag)`,
        frames,
        `${DRAG_RUNS} drags of ${DRAG.dx}×${DRAG.dy} px at 100 % zoom (all ${NODES} nodes in ` +
          `the DOM), press to release; the drop (release → painted) p50 ` +
          `${median(drops).toFixed(0)} ms, max ${Math.max(...drops).toFixed(0)} ms; ` +
          `target median < 33 ms; ${loadNote()}`,
      ));
    }

    if (want("bpmn")) {
      progress("bpmn-js");
      results.push(...await benchBpmnJs(app, token, id, { canvasTimes, frames }));
    }

    if (want("viewer")) {
      progress("the process page");
      // 4. The app's process page with the read-only viewer, for reference.
      results.push(await viewerPageLoad(app, id));
    }
  } finally {
    await server.close();
    await app.close();
  }
  return results;
}

/** 3b. bpmn-js with the exported XML: import until painted, and the same drag. */
async function benchBpmnJs(
  app: BrowserApp,
  token: string,
  id: string,
  ours: { canvasTimes: number[]; frames: number[] },
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const res = await app.t.call("GET", `/api/v1/processes/${id}/bpmn?version=draft`, { token });
  if (res.status !== 200) throw new Error(`BPMN export: ${res.status} ${await res.text()}`);
  const xml = await res.text();
  const version = await bpmnJsVersion();
  const bpmnPage = await app.newPage();
  await openBpmnJsPage(bpmnPage);
  const imports: number[] = [];
  for (let i = -1; i < OPEN_RUNS; i++) {
    const r = await importInPage(bpmnPage, xml);
    if (r.shapes < NODES) throw new Error(`bpmn-js shows ${r.shapes} shapes of ${NODES}`);
    if (i >= 0) imports.push(r.ms);
  }
  const bpmnFrames: number[] = [], bpmnDrops: number[] = [];
  for (let i = -1; i < DRAG_RUNS; i++) {
    await importInPage(bpmnPage, xml);
    const target = await bpmnJsTaskAt100(bpmnPage);
    const before = await bpmnJsShapeAt(bpmnPage, target.id);
    const d = await dragFrames(bpmnPage, target, { ...DRAG, steps: STEPS });
    const after = await bpmnJsShapeAt(bpmnPage, target.id);
    if (after.x === before.x && after.y === before.y) throw new Error("bpmn-js: no drag");
    if (i >= 0) bpmnFrames.push(...d.frames), bpmnDrops.push(d.drop);
  }
  await bpmnPage.context().close();
  const ratio = (mine: number[], theirs: number[]) =>
    mine.length ? `ours/bpmn-js = ${(median(mine) / median(theirs)).toFixed(2)} (p50)` : "";
  const kib = Math.round(xml.length / 1024);
  if (ours.canvasTimes.length) {
    results.push(stats(
      `UI editor canvas alone: ${NODES}-node graph in memory → drawn`,
      ours.canvasTimes,
      `like-for-like with the bpmn-js row below; ${ratio(ours.canvasTimes, imports)}`,
    ));
  }
  results.push(stats(
    `bpmn-js ${version} Modeler: importXML + fit + first paint of the same process`,
    imports,
    `BPMN XML from GET …/bpmn (${kib} KiB) in memory; script loaded before timing; ${loadNote()}`,
  ));
  results.push(stats(
    `bpmn-js ${version}: drag a node among ${NODES} (frame time, ${STEPS}-step drag)`,
    bpmnFrames,
    `the same drag at 100 %; drop p50 ${median(bpmnDrops).toFixed(0)} ms, max ` +
      `${Math.max(...bpmnDrops).toFixed(0)} ms; ${ratio(ours.frames, bpmnFrames)}`,
  ));
  return results;
}

/** Page load of /processes/{id} until the viewer has drawn every node (painted). */
async function viewerPageLoad(app: BrowserApp, id: string): Promise<BenchResult> {
  const page = await app.newPage();
  await signIn(app, page, "Max Modeler", `/processes/${id}`);
  const times: number[] = [];
  for (let i = -1; i < OPEN_RUNS; i++) {
    await page.goto(`${app.baseUrl}/processes/${id}`, { waitUntil: "commit" });
    const ms = await page.evaluate(async (count) => {
      const find = (root: Document | ShadowRoot): Element | null => {
        const hit = root.querySelector("procedo-diagram");
        if (hit) return hit;
        for (const el of root.querySelectorAll("*")) {
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      for (;;) {
        const n = find(document)?.shadowRoot?.querySelectorAll("[data-node-id]").length ?? 0;
        if (n >= count) break;
        await new Promise((ok) => requestAnimationFrame(ok));
      }
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      return performance.now();
    }, NODES);
    if (i >= 0) times.push(ms);
  }
  await page.context().close();
  return stats(
    `UI process page (read-only viewer): page load until the ${NODES}-node draft is drawn`,
    times,
    `app boot, session, process page, GET draft, <procedo-diagram>; ${loadNote()}`,
  );
}

if (import.meta.main) {
  // `--only=drag,bpmn`: just those parts; `--profile=DIR`: a CPU profile and a trace per drag.
  const arg = (name: string) =>
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = arg("only")?.split(",") as Part[] | undefined;
  const unknown = only?.filter((p) => !PARTS.includes(p));
  if (unknown?.length) throw new Error(`unknown parts ${unknown}; the parts: ${PARTS}`);
  const profileDir = arg("profile");
  if (profileDir) await Deno.mkdir(profileDir, { recursive: true });
  await benchUiEditor({ only: only && new Set(only), profileDir });
  Deno.exit(0);
}
