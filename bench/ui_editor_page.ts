// The editor bench's browser page (bundled by bench/ui_editor.ts, served from the test app's
// origin at /__bench__/editor.js): the app's theme, Fluent elements and API client with the
// modeler's token from the URL hash, and the canvas alone mounted with a graph in memory —
// the like-for-like pair of bpmn-js's importXML. (The editor itself is measured on the app's
// own page, with bench/ui_editor_probe.ts.)
import "../ui/components/fluent.ts";
import "../ui/components/editor_canvas/mod.ts";
import { setSession } from "../ui/app/session.ts";
import { CommandStack, type Graph } from "../ui/editor/mod.ts";
import { createProcedoClient, unwrap } from "../ui/lib/api/client.ts";
import type { Auth } from "../ui/lib/auth.ts";
import { applyToDocument } from "../ui/lib/i18n.ts";
import { applyTheme } from "../ui/lib/theme.ts";

/** What the bench uses of the canvas's ViewportController. */
interface Viewport {
  scale: number;
  x: number;
  y: number;
  width: number;
  height: number;
  zoomTo(scale: number): void;
  panBy(dx: number, dy: number): void;
}

export interface EditorBench {
  /** Navigation start → every node of the editor drawn and painted (ms; the app's page). */
  drawnAt?: number;
  error?: string;
  /** The canvas alone with `graph` in memory: mount → every node drawn and painted (ms). */
  mountCanvas(graph: Graph): Promise<number>;
  /** The canvas of the mounted editor (or of mountCanvas). */
  canvas(): (HTMLElement & { selection: { ids: Set<string> }; viewport: Viewport }) | null;
  /** The mounted <procedo-process-editor>. */
  editor(): HTMLElement | null;
}

const frame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()));
/** The frame after the current one has been painted: rAF runs before paint, the task after. */
const painted = () => new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));

/** Waits, frame by frame, until the canvas under `host` shows `count` nodes, then for paint. */
async function untilDrawn(find: () => Element | null | undefined, count: number) {
  for (;;) {
    const nodes = find()?.shadowRoot?.querySelectorAll("[data-node-id]").length ?? 0;
    if (nodes >= count) break;
    await frame();
  }
  await painted();
}

const editorCanvas = () =>
  document.querySelector("procedo-process-editor")?.shadowRoot?.querySelector(
    "procedo-editor-canvas",
  ) ?? document.querySelector("procedo-editor-canvas");

const bench: EditorBench = {
  async mountCanvas(graph) {
    document.querySelector("procedo-process-editor")?.remove();
    document.querySelector("procedo-editor-canvas")?.remove();
    await painted();
    const start = performance.now();
    const canvas = document.createElement("procedo-editor-canvas");
    canvas.style.cssText = "position:fixed;inset:0";
    canvas.stack = new CommandStack(graph);
    document.body.append(canvas);
    await untilDrawn(() => canvas, graph.nodes.length);
    return performance.now() - start;
  },
  canvas: () => editorCanvas() as ReturnType<EditorBench["canvas"]>,
  editor: () => document.querySelector("procedo-process-editor"),
};
Object.assign(globalThis, { procedoBench: bench });

async function start() {
  applyTheme();
  applyToDocument();
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const api = createProcedoClient({ baseUrl: "", getToken: () => token });
  const me = unwrap(await api.GET("/api/v1/users/me"));
  // The editor only uses the session's API client and identity; signing out is the app's.
  setSession({ api, auth: {} as Auth, me });
}

start().catch((e) => (bench.error = String(e?.stack ?? e)));
