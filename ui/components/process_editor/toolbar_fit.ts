// Keeps the editor's command bar on one line at any width and in any language: when its
// commands with words do not fit (German words are long; other features add commands), they
// show their icons only — their words stay their accessible names and tooltips — and get
// their words back once the bar is wide enough again. Measured with a ResizeObserver and
// after each render, as a reactive controller.
import type { ReactiveController, ReactiveControllerHost } from "lit";

export class ToolbarFit implements ReactiveController {
  /** Icons only: the words did not fit. */
  compact = false;
  /** The width the bar needed with its words. */
  #full = 0;
  #observer?: ResizeObserver;

  constructor(
    private host: ReactiveControllerHost & Element,
    private bar: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.#observer = new ResizeObserver(() => this.#measure());
    this.#observer.observe(this.host);
  }

  hostDisconnected() {
    this.#observer?.disconnect();
  }

  hostUpdated() {
    this.#measure();
  }

  #measure() {
    const bar = this.bar();
    if (!bar) return;
    const width = bar.clientWidth;
    if (!this.compact && bar.scrollWidth > width + 1) {
      this.#full = bar.scrollWidth;
      this.compact = true;
      this.host.requestUpdate();
    } else if (this.compact && width >= this.#full) {
      this.compact = false;
      this.host.requestUpdate();
    }
  }
}
