// <procedo-admin-plan>: the workspace's plan and trial status, as GET /api/v1/users/me
// reports it (fetched fresh, so an operator's change shows without signing in again).
import { css, html, LitElement, nothing } from "lit";
import "../../components/problem_bar.ts";
import { base, page } from "../../components/styles.ts";
import { unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { formatDate, LocaleController, t } from "../../lib/i18n.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";

const DAY = 86_400_000;

export class ProcedoAdminPlan extends LitElement {
  static override styles = [
    base,
    page,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--spacingVerticalS) var(--spacingHorizontalXXL);
        margin: 0;
        max-width: 40rem;
      }
      dt {
        color: var(--colorNeutralForeground2);
      }
      dd {
        margin: 0;
        font-weight: var(--fontWeightSemibold);
      }
      .card {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
        padding: var(--spacingVerticalL) var(--spacingHorizontalL);
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusLarge);
        background: var(--colorNeutralBackground1);
        max-width: 40rem;
      }
    `,
  ];
  #me = new ApiData(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/users/me", { signal })),
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const data = this.#me;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("admin.plan.title")}</h1>
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      ${data.value ? this.#plan(data.value.tenant) : nothing}
      ${!data.value && data.loading
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
    `;
  }

  #plan(tenant: ReturnType<typeof session>["me"]["tenant"]) {
    const days = tenant.trialEndsAt
      ? Math.max(0, Math.ceil((Date.parse(tenant.trialEndsAt) - Date.now()) / DAY))
      : undefined;
    return html`
      ${tenant.readOnly
        ? html`<fluent-message-bar intent="warning">${
          t("admin.plan.readOnlyText")
        }</fluent-message-bar>`
        : nothing}
      <section class="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">${tenant.name}</h2>
        <dl data-testid="plan">
          <dt>${t("admin.plan.plan")}</dt>
          <dd>${t(`plan.${tenant.plan}`)}</dd>
          <dt>${t("admin.plan.status")}</dt>
          <dd>${t(`tenantStatus.${tenant.status}`)}</dd>
          ${tenant.plan === "trial" && tenant.trialEndsAt
            ? html`
              <dt>${t("admin.plan.trialEnds")}</dt>
              <dd>${formatDate(tenant.trialEndsAt)} · ${tenant.readOnly
                ? t("plan.readOnly")
                : t("plan.trialDaysLeft", { days: days! })}</dd>
            `
            : nothing}
        </dl>
        <p class="muted">${t(`admin.plan.about.${tenant.plan}`)}</p>
      </section>
    `;
  }
}

customElements.define("procedo-admin-plan", ProcedoAdminPlan);
