// <procedo-editor-palette>: the shapes a process is drawn with, as a vertical toolbar. Each
// entry can be dragged into a lane (HTML5 drag and drop; the canvas reads the type from
// PALETTE_MIME) or activated with Enter, Space or a click, which fires `palette-add`
// ({ type }) for the canvas to add the shape to the selected lane at a free spot. "lane"
// adds a lane. Arrow keys move between entries (one tab stop).
import { css, html, LitElement, svg, type SVGTemplateResult } from "lit";
import { LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { base } from "../styles.ts";
import { NODE_TYPES, type NodeType } from "../../editor/mod.ts";

export type PaletteEntry = NodeType | "lane";
export const PALETTE_MIME = "application/x-procedo-shape";
export const PALETTE_ENTRIES: readonly PaletteEntry[] = ["lane", ...NODE_TYPES];

export interface PaletteAddDetail {
  type: PaletteEntry;
}

export const paletteLabel = (type: PaletteEntry): string =>
  type === "lane" ? t("editorCanvas.palette.lane") : t(`processes.node.${type}` as MessageKey);

/** A small drawing of each shape, in the viewer's shapes (24 × 24). */
function glyph(type: PaletteEntry): SVGTemplateResult {
  switch (type) {
    case "lane":
      return svg`
        <rect x="2" y="6" width="20" height="12" class="s"></rect>
        <path d="M7 6v12" class="s"></path>
      `;
    case "start":
      return svg`<circle cx="12" cy="12" r="8" class="s start"></circle>`;
    case "end":
      return svg`<circle cx="12" cy="12" r="7.5" class="s end"></circle>`;
    case "intermediate":
      return svg`
        <circle cx="12" cy="12" r="8.5" class="s"></circle>
        <circle cx="12" cy="12" r="6" class="s"></circle>
      `;
    case "task":
      return svg`<rect x="2" y="6" width="20" height="13" rx="3" class="s"></rect>`;
    case "subprocess":
      return svg`
        <rect x="2" y="5" width="20" height="14" rx="3" class="s"></rect>
        <path d="M10 13h4v4h-4zM12 13.8v2.4M10.8 15h2.4" class="s thin"></path>
      `;
    case "xor":
      return svg`
        <path d="M12 2l10 10-10 10L2 12z" class="s gw"></path>
        <path d="M9 9l6 6M15 9l-6 6" class="m"></path>
      `;
    case "and":
      return svg`
        <path d="M12 2l10 10-10 10L2 12z" class="s gw"></path>
        <path d="M12 7.5v9M7.5 12h9" class="m"></path>
      `;
    case "annotation":
      return svg`
        <path d="M9 4H4v16h5" class="s"></path>
        <path d="M8 9h11M8 13h9" class="s thin"></path>
      `;
  }
}

export class ProcedoEditorPalette extends LitElement {
  static override properties = {
    disabled: { type: Boolean, reflect: true },
    focusIndex: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      [role="toolbar"] {
        display: flex;
        flex-direction: column;
        gap: 2px;
        padding: var(--spacingVerticalXS);
      }
      button {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
        padding: var(--spacingVerticalXS) var(--spacingHorizontalS);
        border: var(--strokeWidthThin) solid transparent;
        border-radius: var(--borderRadiusMedium);
        background: transparent;
        color: var(--colorNeutralForeground1);
        font: inherit;
        font-size: var(--fontSizeBase200);
        text-align: start;
        cursor: grab;
        min-width: 0;
      }
      button:hover {
        background: var(--colorSubtleBackgroundHover);
      }
      button:active {
        background: var(--colorSubtleBackgroundPressed);
      }
      button[disabled] {
        color: var(--colorNeutralForegroundDisabled);
        cursor: not-allowed;
      }
      svg {
        flex: none;
      }
      .s {
        fill: var(--colorNeutralBackground1);
        stroke: var(--colorNeutralStrokeAccessible);
        stroke-width: 1.3;
      }
      .s.thin {
        fill: none;
        stroke-width: 1;
      }
      .s.start {
        fill: var(--colorPaletteGreenBackground1);
        stroke: var(--colorPaletteGreenBorder2);
      }
      .s.end {
        fill: var(--colorPaletteRedBackground1);
        stroke: var(--colorPaletteRedBorder2);
        stroke-width: 3;
      }
      .s.gw {
        fill: var(--colorPaletteYellowBackground1);
        stroke: var(--colorPaletteYellowBorder2);
      }
      .m {
        fill: none;
        stroke: var(--colorNeutralForeground1);
        stroke-width: 1.8;
        stroke-linecap: round;
      }
      .label {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare disabled: boolean;
  declare focusIndex: number;

  constructor() {
    super();
    this.disabled = false;
    this.focusIndex = 0;
    new LocaleController(this);
  }

  override render() {
    return html`
      <div role="toolbar" aria-orientation="vertical" aria-label=${t("editorCanvas.palette.label")}
        title=${t("editorCanvas.palette.hint")} @keydown=${this.#onKey}>
        ${PALETTE_ENTRIES.map((type, i) =>
          html`
            <button type="button" draggable=${this.disabled ? "false" : "true"} data-type=${type}
              tabindex=${i === this.focusIndex ? 0 : -1} ?disabled=${this.disabled}
              @click=${() => this.#add(type)}
              @focus=${() => (this.focusIndex = i)}
              @dragstart=${(e: DragEvent) => this.#dragStart(e, type)}
            >
              <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">${glyph(
                type,
              )}</svg>
              <span class="label">${paletteLabel(type)}</span>
            </button>
          `
        )}
      </div>
    `;
  }

  #add(type: PaletteEntry) {
    if (this.disabled) return;
    this.dispatchEvent(
      new CustomEvent<PaletteAddDetail>("palette-add", {
        detail: { type },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #dragStart(e: DragEvent, type: PaletteEntry) {
    if (!e.dataTransfer || this.disabled) return;
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.setData("text/plain", paletteLabel(type));
    e.dataTransfer.effectAllowed = "copy";
  }

  #onKey = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    const n = PALETTE_ENTRIES.length;
    let next: number | undefined;
    if (step) next = (this.focusIndex + step + n) % n;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.focusIndex = next;
    this.updateComplete.then(() =>
      this.renderRoot.querySelectorAll<HTMLButtonElement>("button")[next!]?.focus()
    );
  };
}

customElements.define("procedo-editor-palette", ProcedoEditorPalette);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-editor-palette": ProcedoEditorPalette;
  }
}
