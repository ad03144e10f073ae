// <procedo-resources-page>: /resources/:kind — documents, IT systems and locations, one
// tab each, every tab the same list driven by its kind's spec (kinds.ts). A kind the app
// does not know shows the not-found state.
import { css, html, LitElement } from "lit";
import { base, page } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { isKind, TAB_KINDS } from "./kinds.ts";
import "./resource_list.ts";
import "./resource_tabs.ts";

export class ProcedoResourcesPage extends LitElement {
  static override properties = { params: { attribute: false } };
  static override styles = [
    base,
    page,
    css`
      :host([unknown]) {
        padding: 0;
      }
    `,
  ];
  declare params: Record<string, string> | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  get #kind() {
    const kind = this.params?.kind;
    return isKind(kind) && TAB_KINDS.includes(kind) ? kind : undefined;
  }

  override willUpdate() {
    // The not-found page brings its own spacing.
    this.toggleAttribute("unknown", !this.#kind);
  }

  override render() {
    const kind = this.#kind;
    if (!kind) return html`<procedo-not-found></procedo-not-found>`;
    return html`
      <h1>${t("resources.title")}</h1>
      <procedo-resource-tabs></procedo-resource-tabs>
      <procedo-resource-list kind=${kind}></procedo-resource-list>
    `;
  }
}

customElements.define("procedo-resources-page", ProcedoResourcesPage);
