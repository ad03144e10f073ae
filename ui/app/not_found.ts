// <procedo-not-found>: a path no page answers (or, with `forbidden`, a page the person's role
// does not reach), with the way back.
import { html, LitElement } from "lit";
import { base, page } from "../components/styles.ts";
import { LocaleController, t } from "../lib/i18n.ts";

export class ProcedoNotFound extends LitElement {
  static override properties = { forbidden: { type: Boolean } };
  static override styles = [base, page];
  declare forbidden: boolean;

  constructor() {
    super();
    this.forbidden = false;
    new LocaleController(this);
  }

  override render() {
    return html`
      <h1>${this.forbidden ? t("forbidden.title") : t("notFound.title")}</h1>
      <p>${this.forbidden ? t("forbidden.text") : t("notFound.text")}</p>
      <p><a href="/">${t("notFound.home")}</a></p>
    `;
  }
}

customElements.define("procedo-not-found", ProcedoNotFound);
