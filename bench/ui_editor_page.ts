// The editor bench's browser page (bundled by bench/ui_editor.ts, served from the test app's
// origin at /__bench__/editor.js): the app's theme, Fluent elements and API client with the
// modeler's token from the URL hash, then — for ?process=… — <procedo-process-editor> mounted
// at once. It records when the canvas first shows every node (the frame after, painted), so
// the bench reads times measured in the page from the navigation start, not its own polling.
// Also offers the canvas alone with a graph in memory, for the comparison with bpmn-js.
import "../ui/components/fluent.ts";
import "../ui/components/process_editor/mod.ts";
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
  /** Navigation start → every node of the mounted editor drawn and painted (ms). */
  drawnAt?: number;
  error?: string;
  /** The canvas alone with `graph` in memory: mount → every node drawn and painted (ms). */
  mountCanvas(graph: Graph): Promise<number>;
  /** The canvas of the mounted editor (or of mountCanvas). */
  canvas(): (HTMLElement & { selection: { ids: Set<string> }; viewport: Viewport }) | null;
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
  const processId = new URLSearchParams(location.search).get("process");
  const count = Number(new URLSearchParams(location.search).get("nodes") ?? 0);
  if (!processId) return;
  const editor = document.createElement("procedo-process-editor");
  editor.style.cssText = "position:fixed;inset:0";
  editor.setAttribute("process-id", processId);
  document.body.append(editor);
  await untilDrawn(editorCanvas, count);
  bench.drawnAt = performance.now();
}

start().catch((e) => (bench.error = String(e?.stack ?? e)));
