// <procedo-requirements-page>: /requirements — the clauses of standards, laws and contracts
// that process steps fulfil (ISO 9001 7.5.3…), in the same list as the other resources.
import { html, LitElement } from "lit";
import { base, page } from "../../../components/styles.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import "./resource_list.ts";

export class ProcedoRequirementsPage extends LitElement {
  static override styles = [base, page];

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`
      <h1>${t("resources.requirements.title")}</h1>
      <p class="muted">${t("resources.requirements.intro")}</p>
      <procedo-resource-list kind="requirements"></procedo-resource-list>
    `;
  }
}

customElements.define("procedo-requirements-page", ProcedoRequirementsPage);
