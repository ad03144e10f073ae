// Zoom and pan of a diagram as a Lit reactive controller: the view's scale and offset, the
// size of the element it shows, and the gestures that change them — Ctrl+wheel (or pinch)
// zooms around the pointer, the wheel pans, dragging pans (a drag never counts as a click),
// keys + and - zoom, arrow keys pan. `fit` shows everything; `reveal` brings a box into view.
// Only the host re-renders on a change, and only its transform and zoom level change.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Box, Point } from "./geometry.ts";

// Low enough that fit shows a 2,000-node process whole.
export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;
const ZOOM_STEP = 1.25;
const PAN_STEP = 48;
const DRAG_THRESHOLD = 4;

type Host = ReactiveControllerHost & HTMLElement;

export class ViewportController implements ReactiveController {
  /** Screen = diagram × scale + (x, y), in CSS pixels of the element. */
  scale = 1;
  x = 0;
  y = 0;
  width = 0;
  height = 0;
  #observer?: ResizeObserver;
  #element?: Element;
  #pendingFit?: Box;
  /** The bounds last fitted, while the person has not moved the view since. */
  #fitted?: Box;
  #drag?: { id: number; startX: number; startY: number; x: number; y: number; moved: boolean };
  #suppressClick = false;

  constructor(private host: Host) {
    host.addController(this);
  }

  /** Observes the element the diagram is drawn in (call once it exists). */
  observe(element: Element) {
    if (element === this.#element) return;
    this.#observer?.disconnect();
    this.#element = element;
    this.#observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      // Hidden (another tab shown): keep the view as it was for when it comes back.
      if (width === 0 || height === 0) return;
      if (width === this.width && height === this.height) return;
      const had = this.width > 0 && this.height > 0;
      const refit = this.#pendingFit ?? this.#fitted;
      // Keep the centre where it was when the element changes size.
      if (had && !refit) {
        this.x += (width - this.width) / 2;
        this.y += (height - this.height) / 2;
      }
      this.width = width;
      this.height = height;
      // A fitted view stays fitted as the layout settles or the window changes.
      if (refit) this.fit(refit);
      else this.host.requestUpdate();
    });
    this.#observer.observe(element);
  }

  /**
   * Takes the observed element's size now (a layout) when none is known yet, so the first fit
   * can come before anything is drawn instead of after the ResizeObserver's first report.
   */
  measure(): boolean {
    if (this.width > 0 && this.height > 0) return true;
    const box = this.#element?.getBoundingClientRect();
    if (!box || box.width <= 0 || box.height <= 0) return false;
    this.width = box.width;
    this.height = box.height;
    return true;
  }

  hostConnected() {
    if (this.#element) this.#observer?.observe(this.#element);
  }

  hostDisconnected() {
    this.#observer?.disconnect();
  }

  get transform(): string {
    return `translate(${this.x} ${this.y}) scale(${this.scale})`;
  }

  /** The zoom as a whole percentage. */
  get percent(): number {
    return Math.round(this.scale * 100);
  }

  /** Zooms to `scale`, keeping `around` (element coordinates; default: the centre) in place. */
  zoomTo(scale: number, around: Point = { x: this.width / 2, y: this.height / 2 }) {
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    if (next === this.scale) return;
    this.#fitted = undefined;
    const k = next / this.scale;
    this.x = around.x - (around.x - this.x) * k;
    this.y = around.y - (around.y - this.y) * k;
    this.scale = next;
    this.host.requestUpdate();
  }

  zoomIn(around?: Point) {
    this.zoomTo(this.scale * ZOOM_STEP, around);
  }

  zoomOut(around?: Point) {
    this.zoomTo(this.scale / ZOOM_STEP, around);
  }

  panBy(dx: number, dy: number) {
    if (!dx && !dy) return;
    this.#fitted = undefined;
    this.x += dx;
    this.y += dy;
    this.host.requestUpdate();
  }

  /** Shows all of `bounds`, at most at 100 %; waits for a size if the element has none yet. */
  fit(bounds: Box, padding = 24) {
    if (this.width <= 0 || this.height <= 0) {
      this.#pendingFit = bounds;
      return;
    }
    this.#pendingFit = undefined;
    this.#fitted = bounds;
    const sx = (this.width - 2 * padding) / bounds.width;
    const sy = (this.height - 2 * padding) / bounds.height;
    this.scale = Math.min(1, Math.max(MIN_SCALE, Math.min(sx, sy)));
    this.x = (this.width - bounds.width * this.scale) / 2 - bounds.x * this.scale;
    this.y = (this.height - bounds.height * this.scale) / 2 - bounds.y * this.scale;
    this.host.requestUpdate();
  }

  /** Pans so that `box` (diagram units) is fully visible; centres it when it is not. */
  reveal(box: Box, margin = 24) {
    const left = box.x * this.scale + this.x, top = box.y * this.scale + this.y;
    const right = left + box.width * this.scale, bottom = top + box.height * this.scale;
    if (
      left >= margin && top >= margin && right <= this.width - margin &&
      bottom <= this.height - margin
    ) return;
    this.#fitted = undefined;
    this.x = this.width / 2 - (box.x + box.width / 2) * this.scale;
    this.y = this.height / 2 - (box.y + box.height / 2) * this.scale;
    this.host.requestUpdate();
  }

  /** Element coordinates of a pointer event. */
  #local(e: MouseEvent): Point {
    const r = this.#element!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  onWheel = (e: WheelEvent) => {
    e.preventDefault();
    // Line and page deltas (some mice) in pixels.
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.height : 1;
    if (e.ctrlKey || e.metaKey) {
      // Pinch on a touchpad arrives as Ctrl+wheel with small deltas: zoom smoothly.
      const factor = Math.exp(-e.deltaY * unit * 0.002);
      this.zoomTo(this.scale * factor, this.#local(e));
    } else if (e.shiftKey && !e.deltaX) {
      this.panBy(-e.deltaY * unit, 0);
    } else {
      this.panBy(-e.deltaX * unit, -e.deltaY * unit);
    }
  };

  onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !e.isPrimary) return;
    this.#drag = {
      id: e.pointerId,
      startX: e.clientX,
      startY: e.clientY,
      x: e.clientX,
      y: e.clientY,
      moved: false,
    };
  };

  onPointerMove = (e: PointerEvent) => {
    const d = this.#drag;
    if (!d || d.id !== e.pointerId) return;
    if (!d.moved) {
      if (Math.hypot(e.clientX - d.startX, e.clientY - d.startY) < DRAG_THRESHOLD) return;
      d.moved = true;
      // Captured only once it is a drag, so a plain click still reaches the node under it.
      (this.#element as Element).setPointerCapture?.(e.pointerId);
      this.host.toggleAttribute("panning", true);
    }
    this.panBy(e.clientX - d.x, e.clientY - d.y);
    d.x = e.clientX;
    d.y = e.clientY;
  };

  onPointerUp = (e: PointerEvent) => {
    const d = this.#drag;
    if (!d || d.id !== e.pointerId) return;
    this.#drag = undefined;
    this.host.toggleAttribute("panning", false);
    if (d.moved) this.#suppressClick = true;
  };

  /** Whether a click is the end of a drag (and should select nothing); resets the flag. */
  consumeDragClick(): boolean {
    const was = this.#suppressClick;
    this.#suppressClick = false;
    return was;
  }

  /** + and - zoom, 0 fits (via `onFit`), arrows pan; returns whether the key was used. */
  onKey(e: KeyboardEvent, onFit: () => void, pan = true): boolean {
    if (e.altKey || e.metaKey) return false;
    switch (e.key) {
      case "+":
      case "=":
        this.zoomIn();
        return true;
      case "-":
      case "_":
        this.zoomOut();
        return true;
      case "0":
        onFit();
        return true;
    }
    if (!pan || e.ctrlKey) return false;
    const step = e.shiftKey ? PAN_STEP * 4 : PAN_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[e.key];
    if (!move) return false;
    this.panBy(...move);
    return true;
  }
}
