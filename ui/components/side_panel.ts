// <procedo-panel heading="…">: a Fluent drawer sliding in from the right, for creating and
// editing (Microsoft 365 puts properties in panels, not dialogs). Content goes in the default
// slot, buttons in slot="footer"; `show()`/`hide()`; fires `close` when it closes.
import { css, html, LitElement } from "lit";
import type { Drawer } from "@fluentui/web-components";
import { LocaleController, t } from "../lib/i18n.ts";
import { icon } from "./icons.ts";
import { base } from "./styles.ts";

export class ProcedoPanel extends LitElement {
  static override properties = { heading: {}, type: {} };
  static override styles = [
    base,
    css`
      fluent-drawer-body::part(content) {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
      }
      .footer {
        display: flex;
        gap: var(--spacingHorizontalS);
      }
    `,
  ];
  declare heading: string;
  /** Fluent's drawer type: "modal" over the page (default), "inline" in the layout. */
  declare type: "modal" | "non-modal" | "inline";

  constructor() {
    super();
    this.heading = "";
    this.type = "modal";
    new LocaleController(this);
  }

  get #drawer(): Drawer {
    return this.renderRoot.querySelector("fluent-drawer") as Drawer;
  }

  get open(): boolean {
    return this.#drawer?.dialog?.open ?? false;
  }

  async show() {
    await this.updateComplete;
    this.#drawer.show();
    // The drawer only looks for [autofocus] among its own children, not slotted ones.
    requestAnimationFrame(() => {
      const first = this.querySelector<HTMLElement>("[autofocus]");
      first?.focus();
    });
  }

  hide() {
    if (this.open) this.#drawer.hide();
  }

  override updated() {
    // fluent-drawer reads aria-label once; a panel reused for another object renames it here.
    this.#drawer?.dialog?.setAttribute("aria-label", this.heading);
  }

  override render() {
    return html`
      <fluent-drawer
        position="end"
        size=${this.type === "inline" ? "small" : "medium"}
        type=${this.type}
        aria-label=${this.heading}
        @toggle=${(e: CustomEvent<{ newState: string }>) => {
          if (e.detail?.newState === "closed") this.dispatchEvent(new Event("close"));
        }}
      >
        <fluent-drawer-body>
          <h2 slot="title">${this.heading}</h2>
          <fluent-button
            slot="close"
            appearance="transparent"
            icon-only
            aria-label=${t("action.close")}
          >${icon("dismiss")}</fluent-button>
          <slot></slot>
          <div slot="footer" class="footer"><slot name="footer"></slot></div>
        </fluent-drawer-body>
      </fluent-drawer>
    `;
  }
}

customElements.define("procedo-panel", ProcedoPanel);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-panel": ProcedoPanel;
  }
}
