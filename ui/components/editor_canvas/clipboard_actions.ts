// Copy, cut and paste on the canvas through the model's clipboard. What is copied is also
// written to the system clipboard as JSON text where the browser allows it, and paste reads
// it from there first (so steps travel between tabs and processes); without permission the
// canvas' own clipboard is used. Each paste of the same clipboard lands a little further.
import { t } from "../../lib/i18n.ts";
import {
  type Clipboard,
  copy,
  cut,
  GRID_SIZE,
  parseClipboard,
  paste,
  selectIds,
  serializeClipboard,
} from "../../editor/mod.ts";
import type { CanvasHost } from "./canvas_host.ts";

const READ_TIMEOUT_MS = 400;

export class ClipboardActions {
  #clipboard: Clipboard | null = null;
  #text = "";
  #pasted = 0;

  constructor(private canvas: CanvasHost) {}

  copy(): Clipboard | null {
    const c = this.canvas;
    const clipboard = copy(c.graph, c.selection.ids);
    if (!clipboard) return null;
    this.#keep(clipboard);
    c.announce(t("editorCanvas.status.copied", { count: clipboard.nodes.length }));
    return clipboard;
  }

  cut() {
    const c = this.canvas;
    if (c.readonly) return;
    const result = cut(c.graph, c.selection.ids);
    if (!result || !c.execute(result.command)) return;
    this.#keep(result.clipboard);
    c.select(selectIds([]));
    c.announce(t("editorCanvas.status.deleted", { count: result.clipboard.nodes.length }));
  }

  async paste() {
    const c = this.canvas;
    if (c.readonly) return;
    const text = await readSystemClipboard();
    if (text && text !== this.#text) {
      const parsed = parseClipboard(text);
      if (parsed) {
        this.#clipboard = parsed;
        this.#text = text;
        this.#pasted = 0;
      }
    }
    const clipboard = this.#clipboard;
    if (!clipboard) {
      c.error(t("editorCanvas.error.clipboard"));
      return;
    }
    this.#pasted++;
    const offset = 2 * GRID_SIZE * this.#pasted;
    const lane = c.graph.lanes.find((l) => c.selection.ids.has(l.id));
    const command = paste(
      clipboard,
      { dx: offset, dy: offset },
      lane ? { targetLane: lane.id } : {},
    );
    if (!c.execute(command)) return;
    c.select(selectIds(command.idMap.values()));
    c.announce(t("editorCanvas.status.pasted", { count: clipboard.nodes.length }));
  }

  #keep(clipboard: Clipboard) {
    this.#clipboard = clipboard;
    this.#text = serializeClipboard(clipboard);
    this.#pasted = 0;
    navigator.clipboard?.writeText(this.#text).catch(() => {
      // Not allowed (no focus, no permission): the canvas' own clipboard still works.
    });
  }
}

async function readSystemClipboard(): Promise<string | null> {
  try {
    const read = navigator.clipboard?.readText?.();
    if (!read) return null;
    const timeout = new Promise<null>((resolve) =>
      setTimeout(() => resolve(null), READ_TIMEOUT_MS)
    );
    return await Promise.race([read, timeout]);
  } catch {
    return null;
  }
}
