// The editor bench's probe on the app's own pages: an init script (runs before the app in every
// page of a context) that gives the bench `procedoBench` — when the editor's canvas has put
// its "procedo:editor-drawn" User Timing mark and the frame after it was painted (ms from
// the navigation start), and the editor and canvas elements found through the shadow roots.
// A PerformanceObserver costs the page nothing per frame, unlike polling the DOM.
import type { BrowserContext } from "playwright-core";

function probe() {
  const find = (root: Document | ShadowRoot, tag: string): Element | null => {
    const hit = root.querySelector(tag);
    if (hit) return hit;
    for (const el of root.querySelectorAll("*")) {
      const inner = el.shadowRoot && find(el.shadowRoot, tag);
      if (inner) return inner;
    }
    return null;
  };
  const bench: Record<string, unknown> = {
    canvas: () => find(document, "procedo-editor-canvas"),
    editor: () => find(document, "procedo-process-editor"),
    mountCanvas: () => Promise.reject(new Error("the canvas alone is on the bench page")),
  };
  Object.assign(globalThis, { procedoBench: bench });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== "procedo:editor-drawn" || bench.drawnAt !== undefined) continue;
      // rAF runs before the paint; the task after it runs once the frame is out.
      requestAnimationFrame(() => setTimeout(() => (bench.drawnAt ??= performance.now()), 0));
    }
  }).observe({ type: "mark", buffered: true });
}

/** Adds the probe to every page of `context` opened or navigated from now on. */
export async function installProbe(context: BrowserContext) {
  await context.addInitScript(probe);
}
