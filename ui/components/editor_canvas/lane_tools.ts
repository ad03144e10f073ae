// Lane tools beside the header of the selected lane: rename, bind to a position or org unit,
// delete. Binding opens <procedo-lane-binding>, a small popover that searches
// GET /api/v1/orgchart/positions?q= and /units?q= and fires `lane-bind` ({ binding, label })
// with the picked one (or null to remove the binding), `picker-close` on Escape.
import { css, html, LitElement, nothing, type TemplateResult } from "lit";
import { unwrap } from "../../lib/api/client.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../../app/session.ts";
import { icon } from "../icons.ts";
import { base } from "../styles.ts";
import type { LaneBinding } from "../../editor/mod.ts";

export interface LaneBindDetail {
  binding: LaneBinding;
  label: string;
}

interface Found {
  positions: { id: string; label: string }[];
  units: { id: string; label: string }[];
}

const SEARCH_DELAY_MS = 200;
const RESULTS = 8;

/**
 * Labels of lane bindings: the container's (positionLabels), and those the picker learned
 * when a person picked a position or unit the container has no label for yet.
 */
export class BindingLabels {
  #learned = new Map<string, string>();
  /** Changes whenever a label is learned (a guard key for the lanes layer). */
  version = 0;

  learn(id: string, label: string) {
    this.#learned.set(id, label);
    this.version++;
  }

  of(
    lane: { positionId: string | null; orgUnitId: string | null },
    from: ReadonlyMap<string, string>,
  ) {
    const id = lane.positionId ?? lane.orgUnitId;
    return id ? from.get(id) ?? this.#learned.get(id) ?? "" : "";
  }
}

/** The small toolbar shown beside the selected lane's header. */
export function laneToolbar(
  name: string,
  at: { left: number; top: number },
  on: { rename: () => void; bind: () => void; remove: () => void },
): TemplateResult {
  const button = (
    testId: string,
    label: string,
    glyph: Parameters<typeof icon>[0],
    fn: () => void,
  ) =>
    html`
      <button type="button" class="tool" data-testid=${testId} aria-label=${label}
        title=${label} @click=${fn}>${icon(glyph, 16)}</button>
    `;
  return html`
    <div class="lane-tools controls" role="toolbar" aria-label=${t("editorCanvas.lane.tools", {
      name,
    })}
      style=${`left:${at.left}px;top:${at.top}px`}>
      ${button("lane-rename", t("editorCanvas.lane.rename"), "edit", on.rename)}
      ${button("lane-bind", t("editorCanvas.lane.bind"), "person", on.bind)}
      ${button("lane-delete", t("editorCanvas.lane.delete"), "delete", on.remove)}
    </div>
  `;
}

export class ProcedoLaneBinding extends LitElement {
  static override properties = {
    laneName: {},
    current: {},
    found: { state: true },
    loading: { state: true },
    failure: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: block;
        width: min(320px, 80vw);
        padding: var(--spacingVerticalM) var(--spacingHorizontalM);
        background: var(--colorNeutralBackground1);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-radius: var(--borderRadiusLarge);
        box-shadow: var(--shadow16);
      }
      h2 {
        font-size: var(--fontSizeBase300);
        margin-bottom: var(--spacingVerticalS);
        overflow-wrap: anywhere;
      }
      input {
        box-sizing: border-box;
        width: 100%;
        padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
        font: inherit;
        color: inherit;
        background: var(--colorNeutralBackground1);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke1);
        border-bottom-color: var(--colorNeutralStrokeAccessible);
        border-radius: var(--borderRadiusMedium);
      }
      h3 {
        margin: var(--spacingVerticalS) 0 var(--spacingVerticalXXS);
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
        font-weight: var(--fontWeightSemibold);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 160px;
        overflow: auto;
      }
      button {
        display: block;
        width: 100%;
        padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
        border: none;
        border-radius: var(--borderRadiusMedium);
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: start;
        overflow-wrap: anywhere;
        cursor: pointer;
      }
      button:hover {
        background: var(--colorSubtleBackgroundHover);
      }
      .current,
      .status {
        margin-top: var(--spacingVerticalS);
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      .clear {
        margin-top: var(--spacingVerticalS);
        color: var(--colorNeutralForeground2);
      }
    `,
  ];
  declare laneName: string;
  /** What the lane is bound to now (its label), or "". */
  declare current: string;
  declare found: Found | null;
  declare loading: boolean;
  declare failure: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort?: AbortController;

  constructor() {
    super();
    this.laneName = "";
    this.current = "";
    this.found = null;
    this.loading = false;
    this.failure = "";
    new LocaleController(this);
  }

  override firstUpdated() {
    this.renderRoot.querySelector("input")?.focus();
    void this.#search("");
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  async #search(q: string) {
    this.#abort?.abort();
    const abort = this.#abort = new AbortController();
    this.loading = true;
    this.failure = "";
    try {
      const api = session().api;
      const query = { q: q || undefined, limit: RESULTS };
      const [positions, units] = await Promise.all([
        api.GET("/api/v1/orgchart/positions", { params: { query }, signal: abort.signal }),
        api.GET("/api/v1/orgchart/units", { params: { query }, signal: abort.signal }),
      ]);
      this.found = {
        positions: unwrap(positions).items.map((p) => ({ id: p.id, label: p.title })),
        units: unwrap(units).items.map((u) => ({ id: u.id, label: u.name })),
      };
    } catch (e) {
      if (abort.signal.aborted) return;
      this.failure = e instanceof Error ? e.message : String(e);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  #onInput = (e: Event) => {
    const q = (e.target as HTMLInputElement).value.trim();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#search(q), SEARCH_DELAY_MS);
  };

  #pick(binding: LaneBinding, label: string) {
    this.dispatchEvent(
      new CustomEvent<LaneBindDetail>("lane-bind", { detail: { binding, label }, bubbles: true }),
    );
  }

  #onKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    this.dispatchEvent(new Event("picker-close", { bubbles: true }));
  };

  override render() {
    const f = this.found;
    const list = (title: string, items: Found["positions"], kind: "positionId" | "orgUnitId") =>
      items.length
        ? html`
          <h3>${title}</h3>
          <ul>${items.map((x) =>
            html`<li><button type="button" data-bind=${x.id}
              @click=${() =>
              this.#pick({ [kind]: x.id } as LaneBinding, x.label)}>${x.label}</button></li>`
          )}</ul>
        `
        : nothing;
    return html`
      <div role="dialog" aria-label=${t("editorCanvas.bind.title", { name: this.laneName })}
        @keydown=${this.#onKey}>
        <h2>${t("editorCanvas.bind.title", { name: this.laneName })}</h2>
        <input type="search" aria-label=${t("editorCanvas.bind.search")}
          placeholder=${t("editorCanvas.bind.search")} @input=${this.#onInput}>
        ${f ? list(t("editorCanvas.bind.positions"), f.positions, "positionId") : nothing}
        ${f ? list(t("editorCanvas.bind.units"), f.units, "orgUnitId") : nothing}
        <p class="status" role="status">${this.failure
          ? t("editorCanvas.bind.failed", { message: this.failure })
          : this.loading
          ? t("editorCanvas.bind.loading")
          : f && !f.positions.length && !f.units.length
          ? t("editorCanvas.bind.none")
          : ""}</p>
        ${this.current
          ? html`
            <p class="current">${t("editorCanvas.bind.current", { name: this.current })}</p>
            <button type="button" class="clear" data-testid="lane-unbind"
              @click=${() => this.#pick(null, "")}>${t("editorCanvas.bind.clear")}</button>
          `
          : nothing}
      </div>
    `;
  }
}

customElements.define("procedo-lane-binding", ProcedoLaneBinding);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-lane-binding": ProcedoLaneBinding;
  }
}
