// Key and focus events on the drawing: Space held down pans with the pointer (and is let go
// when the focus leaves for another window, where its keyup never arrives), the roving tab
// stop follows the focus, the end of an arrow-key nudge ends its undo step, and every other
// key goes to keyboard.ts.
import { handleKey, type KeyHost } from "./keyboard.ts";

export interface DrawingKeysHost extends KeyHost {
  tabStop: string | null;
  readonly renderRoot: ParentNode & Node;
  requestUpdate(): void;
  endBurst(): void;
}

export class DrawingKeys {
  #space = false;

  constructor(private host: DrawingKeysHost) {}

  /** Whether Space is held: the pointer pans instead of selecting. */
  get spaceDown(): boolean {
    return this.#space;
  }

  onFocusIn = (e: FocusEvent) => {
    const el = (e.target as Element).closest?.("[data-node-id],[data-edge-id],[data-lane-header]");
    const id = el?.getAttribute("data-node-id") ?? el?.getAttribute("data-edge-id") ??
      el?.getAttribute("data-lane-header");
    if (id && id !== this.host.tabStop) this.host.tabStop = id;
  };

  onKeyDown = (e: KeyboardEvent) => {
    if (e.key === " " && !e.repeat) {
      this.#space = true;
      this.host.requestUpdate();
    }
    if (handleKey(this.host, e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  /** Space released elsewhere (another window) must not leave the canvas panning. */
  onFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (!this.#space || (to && this.host.renderRoot.contains(to))) return;
    this.#space = false;
    this.host.requestUpdate();
  };

  onKeyUp = (e: KeyboardEvent) => {
    if (e.key === " ") {
      this.#space = false;
      this.host.requestUpdate();
    }
    if (e.key.startsWith("Arrow")) this.host.endBurst();
  };
}
