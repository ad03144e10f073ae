// <procedo-admin-audit>: the workspace's audit trail, newest first, in words ("Max Modeler
// saved a process draft") with local times, filtered by person (a picker), period and action,
// and "Verify chain", which recomputes the hash chain and checks its signed anchors on the
// server, names the first entry that does not verify and says how far the anchors reach.
import { css, html, LitElement, nothing } from "lit";
import { icon } from "../../components/icons.ts";
import "../../components/pager.ts";
import "../../components/problem_bar.ts";
import { base, controls, page, table } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import {
  formatDateTime,
  formatNumber,
  LocaleController,
  type MessageKey,
  t,
} from "../../lib/i18n.ts";
import "../../components/select.ts";
import "./processes/list_picker.ts";
import type { PickerOption, PickerSearch, ProcedoListPicker } from "./processes/list_picker.ts";
import { auditWords } from "./audit_words.ts";
import { session } from "../session.ts";
import "./admin_tabs.ts";

type Entry = Schemas["AuditEntry"];
type Filters = {
  action?: string;
  actor_id?: string;
  target_type?: string;
  from?: string;
  to?: string;
};
const PAGE = 50;

const PERIODS = ["all", "day", "week", "month", "quarter"] as const;
type Period = typeof PERIODS[number];
const DAY = 24 * 3600_000;
const PERIOD_MS: Record<Exclude<Period, "all">, number> = {
  day: DAY,
  week: 7 * DAY,
  month: 30 * DAY,
  quarter: 90 * DAY,
};

/** People of the workspace whose name matches what was typed. */
const searchPeople: PickerSearch = async (q, signal) => {
  const page = unwrap(
    await session().api.GET("/api/v1/users", { params: { query: { q, limit: 20 } }, signal }),
  );
  return page.items.map((u) => ({ id: u.id, label: u.displayName, detail: t(`role.${u.role}`) }));
};

export class ProcedoAdminAudit extends LitElement {
  static override properties = {
    filters: { state: true },
    offset: { state: true },
    verification: { state: true },
    verifying: { state: true },
    verifyError: { state: true },
  };
  static override styles = [
    base,
    page,
    table,
    controls,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--spacingHorizontalM);
      }
      form .control {
        min-width: 10rem;
      }
      .person {
        min-width: 16rem;
      }
    `,
  ];
  declare filters: Filters;
  declare offset: number;
  declare verification: Schemas["AuditVerification"] | undefined;
  declare verifying: boolean;
  declare verifyError: unknown;
  #person: PickerOption | null = null;
  #period: Period = "all";
  #entries = new ApiData(this, async (signal) => {
    const page = unwrap(
      await session().api.GET("/api/v1/audit", {
        params: { query: { ...this.filters, limit: PAGE, offset: this.offset } },
        signal,
      }),
    );
    // The names of the people on this page, however many users the workspace has; without
    // them the row shows the id's end.
    const ids = new Set(page.items.flatMap((e) => e.actorType === "user" ? e.actorId ?? [] : []));
    const names = ids.size
      ? (await session().api.GET("/api/v1/users/names", {
        params: { query: { ids: [...ids].join(",") } },
        signal,
      })).data ?? []
      : [];
    return { ...page, names: new Map(names.map((u) => [u.id, u.displayName])) };
  });

  constructor() {
    super();
    this.filters = {};
    this.offset = 0;
    this.verifying = false;
    new LocaleController(this);
  }

  override render() {
    const data = this.#entries;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <h1>${t("admin.audit.title")}</h1>
      <div class="commandbar" role="toolbar" aria-label=${t("admin.audit.commands")}>
        <fluent-button appearance="primary" ?disabled=${this.verifying} data-testid="verify-chain"
          @click=${this.#verify}>${icon("shield", 20, "start")}${t(
            "admin.audit.verify",
          )}</fluent-button>
        <fluent-button appearance="subtle" @click=${() => data.reload()}>
          ${icon("refresh", 20, "start")}${t("action.refresh")}</fluent-button>
      </div>
      ${this.#verificationResult()}
      ${this.#filterForm()}
      ${data.error
        ? html`<procedo-problem .error=${data.error} @retry=${() =>
          data.reload()}></procedo-problem>`
        : nothing}
      ${data.value ? this.#table(data.value.items, data.value.names) : nothing}
      ${!data.value && data.loading
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : nothing}
      ${data.value
        ? html`
          <procedo-pager total=${data.value.total} offset=${this.offset} limit=${PAGE}
            @page=${(e: CustomEvent<number>) => {
              this.offset = e.detail;
              void data.reload();
            }}></procedo-pager>
        `
        : nothing}
    `;
  }

  #verificationResult() {
    if (this.verifyError) {
      return html`<procedo-problem .error=${this.verifyError} @retry=${this.#verify}></procedo-problem>`;
    }
    const v = this.verification;
    if (!v) return nothing;
    // Where the signed anchors end: entries after it are protected by the chain alone.
    const anchored = v.lastAnchorAt
      ? t("admin.audit.anchored", { seq: v.anchoredThrough, at: formatDateTime(v.lastAnchorAt) })
      : t("admin.audit.notAnchored");
    if (v.ok) {
      return html`<fluent-message-bar intent="success" layout="multiline" data-testid="verify-result">
        ${t("admin.audit.verifyOk", { count: formatNumber(v.count) })}
        <span class="muted">${anchored}</span></fluent-message-bar>`;
    }
    return html`<fluent-message-bar intent="error" layout="multiline" data-testid="verify-result">
      ${
      t("admin.audit.verifyBroken", {
        seq: v.firstBroken.seq,
        reason: t(`admin.audit.reason.${v.firstBroken.reason}`),
        count: formatNumber(v.count),
      })
    }
      <span class="muted">${v.firstBroken.detail} ${anchored}</span>
    </fluent-message-bar>`;
  }

  #filterForm() {
    const text = (name: "action" | "target_type", label: string) =>
      html`<label class="control"><span>${label}</span>
        <input class="native" name=${name} .value=${this.filters[name] ?? ""}></label>`;
    return html`<form @submit=${this.#apply} aria-label=${t("admin.audit.filters")}>
      <procedo-list-picker class="person" label=${t("admin.audit.person")}
        hint=${t("admin.audit.personHint")} data-testid="audit-person"
        .search=${searchPeople} @pick=${(
      e: CustomEvent<PickerOption | null>,
    ) => (this.#person = e.detail)}></procedo-list-picker>
      <procedo-select label=${t("admin.audit.period")} name="period" data-testid="audit-period"
        value=${this.#period} .options=${
      PERIODS.map((p) => ({
        value: p,
        label: t(`admin.audit.period.${p}` as MessageKey),
      }))
    } @change=${(e: CustomEvent<string>) => (this.#period = e.detail as Period)}>
      </procedo-select>
      ${text("action", t("admin.audit.action"))}
      ${text("target_type", t("admin.audit.targetType"))}
      <fluent-button type="submit" appearance="outline" @click=${this.#apply}>
        ${icon("filter", 16, "start")}${t("admin.audit.apply")}</fluent-button>
      <fluent-button appearance="subtle" @click=${this.#clear}>${
      t("admin.audit.clear")
    }</fluent-button>
    </form>`;
  }

  #table(entries: Entry[], names: ReadonlyMap<string, string>) {
    if (entries.length === 0) return html`<p class="empty">${t("admin.audit.none")}</p>`;
    return html`
      <div class="table-wrap">
        <table data-testid="audit-table">
          <caption class="visually-hidden">${t("admin.audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">${t("admin.audit.at")}</th>
              <th scope="col">${t("admin.audit.what")}</th>
              <th scope="col">${t("admin.audit.target")}</th>
              <th scope="col">${t("admin.audit.status")}</th>
            </tr>
          </thead>
          <tbody>${entries.map((e) => this.#row(e, names))}</tbody>
        </table>
      </div>
    `;
  }

  #row(e: Entry, names: ReadonlyMap<string, string>) {
    const name = e.actorId ? names.get(e.actorId) : undefined;
    const who = name ??
      (e.actorType === "user"
        ? t("admin.audit.someone")
        : t(`admin.audit.actorType.${e.actorType}`));
    const words = auditWords(e);
    const refused = (e.status ?? 0) >= 400;
    return html`
      <tr>
        <td>${e.seq}</td>
        <td><time datetime=${e.at}>${formatDateTime(e.at)}</time></td>
        <td class="wrap" title=${`${e.action} · ${e.method ?? ""} ${e.route ?? ""}`}>
          ${t("admin.audit.sentence", {
            who,
            did: t(words.verb, { what: t(words.object) }),
          })}${refused
            ? html`
              <fluent-badge appearance="tint" color="danger">${t(
                "admin.audit.refused",
              )}</fluent-badge>
            `
            : nothing}
          <div class="muted mono">${e.method ?? ""} ${e.route ?? ""}</div></td>
        <td>${e.targetType ?? ""} <span class="mono">${e.targetId?.slice(-8) ?? ""}</span></td>
        <td>${e.status ?? ""}</td>
      </tr>
    `;
  }

  #apply = (e: Event) => {
    e.preventDefault();
    const form = this.renderRoot.querySelector("form")!;
    const value = (name: string) =>
      (form.querySelector(`[name=${name}]`) as HTMLInputElement).value.trim() || undefined;
    this.filters = {
      action: value("action"),
      actor_id: this.#person?.id,
      target_type: value("target_type"),
      from: this.#period === "all"
        ? undefined
        : new Date(Date.now() - PERIOD_MS[this.#period]).toISOString(),
    };
    this.offset = 0;
    void this.#entries.reload();
  };

  #clear = () => {
    this.renderRoot.querySelector("form")!.reset();
    this.#person = null;
    this.#period = "all";
    this.renderRoot.querySelector<ProcedoListPicker>("procedo-list-picker")?.set(null);
    this.filters = {};
    this.offset = 0;
    void this.#entries.reload();
  };

  #verify = async () => {
    this.verifying = true;
    this.verifyError = undefined;
    this.verification = undefined;
    try {
      this.verification = unwrap(await session().api.GET("/api/v1/audit/verify"));
    } catch (e) {
      this.verifyError = e;
    } finally {
      this.verifying = false;
    }
  };
}

customElements.define("procedo-admin-audit", ProcedoAdminAudit);
