// <procedo-admin-data>: "Data and deletion" (executives): the exit export, deleting the
// workspace and the deletion protocols. Once the workspace is deleted (locked), only the
// deletion's status is left: every other call of this session answers 403 tenant-locked.
import { css, html, LitElement } from "lit";
import { base, page } from "../../components/styles.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import "./admin_tabs.ts";
import "./data/deletion_protocols.ts";
import "./data/offboarding.ts";
import type { Offboarded } from "./data/offboarding.ts";
import "./data/offboarding_status.ts";
import "./data/tenant_export.ts";

export class ProcedoAdminData extends LitElement {
  static override properties = { offboarded: { state: true } };
  static override styles = [
    base,
    page,
    css`
      .sections {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXL);
      }
    `,
  ];
  declare offboarded: Offboarded | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const done = this.offboarded;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("data.title")}</h1>
      <p class="muted">${t("data.intro")}</p>
      <div class="sections">
        ${done
          ? html`
            <procedo-offboarding-status statusUrl=${done.statusUrl} purgeAt=${done.purgeAt ??
              ""}></procedo-offboarding-status>
          `
          : html`
            <procedo-tenant-export></procedo-tenant-export>
            <procedo-offboarding @offboarded=${(
              e: CustomEvent<Offboarded>,
            ) => (this.offboarded = e.detail)}></procedo-offboarding>
            <procedo-deletion-protocols></procedo-deletion-protocols>
          `}
      </div>
    `;
  }
}

customElements.define("procedo-admin-data", ProcedoAdminData);
