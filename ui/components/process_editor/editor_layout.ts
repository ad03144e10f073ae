// Two pieces of the editor's layout state, as reactive controllers: which plane the canvas
// shows (the process, or the inside of a closed subprocess opened by drill-down, with a
// breadcrumb back) and whether the properties panel is collapsed so the canvas takes the
// width (remembered per browser).
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import type { Graph } from "../../editor/mod.ts";
import { t } from "../../lib/i18n.ts";

export interface OpenSubprocessDetail {
  id: string;
}

/** The opened subprocess (drill-down); null shows the process itself. */
export class DrillDown implements ReactiveController {
  scope: string | null = null;

  constructor(private host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected() {
    this.host.addEventListener("open-subprocess", this.#onOpen as EventListener);
  }

  hostDisconnected() {
    this.host.removeEventListener("open-subprocess", this.#onOpen as EventListener);
  }

  #onOpen = (e: CustomEvent<OpenSubprocessDetail>) => this.open(e.detail.id);

  open(id: string | null) {
    if (this.scope === id) return;
    this.scope = id;
    this.host.requestUpdate();
  }

  /** The scope, or null once the opened subprocess is gone (undo, delete). */
  current(g: Graph): string | null {
    if (this.scope && !g.nodes.some((n) => n.id === this.scope && n.collapsed)) {
      this.scope = null;
    }
    return this.scope;
  }

  /** "Process › Subprocess" with a way back; nothing on the process's own plane. */
  bar(g: Graph, processTitle: string) {
    const scope = this.current(g);
    if (!scope) return nothing;
    const trail: { id: string | null; name: string }[] = [];
    for (let at = g.nodes.find((n) => n.id === scope); at;) {
      trail.unshift({ id: at.id, name: at.label || at.id });
      const parent: string | null | undefined = at.parentId;
      at = parent ? g.nodes.find((n) => n.id === parent && n.collapsed) : undefined;
    }
    const up = trail.length > 1 ? trail[trail.length - 2] : { id: null, name: processTitle };
    return html`
      <nav class="scope-bar" aria-label=${t("modeling.subprocess.inside", {
        name: trail.at(-1)!.name,
      })} data-testid="scope-bar">
        <fluent-button appearance="subtle" size="small" data-action="scope-back"
          @click=${() => this.open(up.id)}>← ${t("modeling.subprocess.back", {
            name: up.name,
          })}</fluent-button>
        <span>${t("modeling.subprocess.inside", { name: trail.at(-1)!.name })}</span>
      </nav>
    `;
  }
}

const PANEL_KEY = "procedo.editor.panelCollapsed";

/** Whether the properties panel is collapsed (the canvas takes the width). */
export class PanelCollapse implements ReactiveController {
  collapsed: boolean;

  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
    let stored: string | null = null;
    try {
      stored = globalThis.localStorage?.getItem(PANEL_KEY) ?? null;
    } catch { /* private mode */ }
    this.collapsed = stored === "1";
  }

  hostConnected() {}

  toggle() {
    this.collapsed = !this.collapsed;
    try {
      globalThis.localStorage?.setItem(PANEL_KEY, this.collapsed ? "1" : "0");
    } catch { /* private mode: for this page only */ }
    this.host.requestUpdate();
  }

  /** The button at the panel's edge that collapses or expands it. */
  button() {
    const label = t(this.collapsed ? "modeling.panels.expand" : "modeling.panels.collapse");
    return html`
      <fluent-button class="panel-toggle" appearance="subtle" size="small"
        icon-only aria-label=${label} title=${label}
        data-action="toggle-panel" @click=${() => this.toggle()}>${this.collapsed
          ? "‹"
          : "›"}</fluent-button>
    `;
  }
}
