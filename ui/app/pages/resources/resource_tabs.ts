// <procedo-resource-tabs>: documents, IT systems and locations as tab-styled links (each
// kind has its own address, so these are links with aria-current, not an in-page tab list).
import { css, html, LitElement } from "lit";
import "../../../components/tab_links.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { kindText, SPECS, TAB_KINDS } from "./kinds.ts";
import { listPath } from "./resource_list.ts";

export class ProcedoResourceTabs extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const links = TAB_KINDS.map((kind) => ({
      href: listPath(kind),
      label: kindText(kind, "tab"),
      icon: SPECS[kind].icon,
      id: kind,
    }));
    return html`
      <procedo-tab-links label=${t("resources.kinds")} .links=${links}></procedo-tab-links>
    `;
  }
}

customElements.define("procedo-resource-tabs", ProcedoResourceTabs);
