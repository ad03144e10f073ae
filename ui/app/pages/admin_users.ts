// <procedo-admin-users>: who works in this workspace, with which role and when they were last
// seen. Executives change a role with the select in the row (saved at once) and deactivate or
// reactivate others after one confirmation (never themselves), or erase them for good (GDPR
// Art. 17: name and sign-in removed, a deletion protocol written). Changes name the version of the row shown (If-Match): when someone else
// changed that user meanwhile (412), the row is reloaded and the problem bar says so. The
// API keeps at least one active executive (409 last-executive).
import { css, html, LitElement, nothing } from "lit";
import "../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../components/confirm_dialog.ts";
import { icon } from "../../components/icons.ts";
import "../../components/admin_list.ts";
import "../../components/select.ts";
import type { ProcedoSelect } from "../../components/select.ts";
import { base, controls, page, table } from "../../components/styles.ts";
import { isApiProblem, type Schemas, unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { searchPageCodec, UrlListController } from "../../lib/url_list.ts";
import { formatDateTime, LocaleController, t } from "../../lib/i18n.ts";
import { type Role, session } from "../session.ts";
import "./admin_tabs.ts";

type User = Schemas["User"];
const ROLES: Role[] = ["reader", "modeler", "executive"];
const PAGE = 50;

export class ProcedoAdminUsers extends LitElement {
  static override properties = {
    actionError: { state: true },
    done: { state: true },
  };
  static override styles = [
    base,
    page,
    table,
    controls,
    css`
      .search {
        width: min(100%, 20rem);
      }
      .you {
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare actionError: unknown;
  declare done: string | undefined;
  #list = new UrlListController(this, searchPageCodec(PAGE), {
    load: { path: "/admin/users", run: () => void this.#users.reload() },
  });
  #users = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/users", {
        params: {
          query: {
            q: this.#list.state.q || undefined,
            limit: PAGE,
            offset: this.#list.state.offset,
          },
        },
        signal,
      }),
    ), { auto: false });

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const data = this.#users;
    return html`
      <procedo-admin-tabs></procedo-admin-tabs>
      <procedo-admin-list
        heading=${t("admin.users.title")}
        commandsLabel=${t("admin.users.commands")}
        searchLabel=${t("admin.users.search")}
        status=${this.done ?? ""}
        tableTestId="users-table"
        emptyText=${t("admin.users.none")}
        .columns=${[
          { label: t("admin.users.name") },
          { label: t("admin.users.role") },
          { label: t("admin.users.status") },
          { label: t("admin.users.lastSeen") },
          { label: t("table.actions"), hidden: true },
        ]}
        .data=${{ value: data.value, error: data.error, loading: data.loading }}
        .row=${(u: User) => this.#row(u)}
        .offset=${this.#list.state.offset}
        .limit=${PAGE}
        .actionError=${this.actionError}
        .onSearch=${this.#list.onSearch}
        @refresh=${() => data.reload()}
        @conflict-reload=${this.#afterConflict}
        @page=${(e: CustomEvent<number>) => this.#list.go({ offset: e.detail }, true)}
      ></procedo-admin-list>
      <procedo-confirm></procedo-confirm>
    `;
  }

  #row(u: User) {
    const me = u.id === session().me.user.id;
    return html`
      <tr data-user=${u.displayName}>
        <td>${u.displayName}${me
          ? html`
            <span class="you">${t("admin.users.you")}</span>
          `
          : nothing}</td>
        <td>
          <procedo-select label-hidden name="role" data-user-role=${u.displayName}
            label=${t("admin.users.roleOf", { name: u.displayName })} value=${u.role}
            ?disabled=${!u.active} .options=${ROLES.map((r) => ({
              value: r,
              label: t(`role.${r}`),
            }))} @change=${(e: CustomEvent<string>) => this.#setRole(u, e)}></procedo-select>
        </td>
        <td>${u.active
          ? html`<fluent-badge appearance="tint" color="success">${
            t("admin.users.active")
          }</fluent-badge>`
          : html`<fluent-badge appearance="tint" color="subtle">${
            t("admin.users.inactive")
          }</fluent-badge>`}
            </td>
        <td>${formatDateTime(u.lastSeenAt)}</td>
        <td class="actions">${me
          // Nobody locks themselves out: another executive deactivates you.
          ? html`<span class="you">${t("admin.users.selfHint")}</span>`
          : html`
            <fluent-button size="small" appearance="subtle" @click=${() =>
              this.#setActive(u, !u.active)}>
                ${u.active
                  ? icon("personSubtract", 16, "start")
                  : icon("personAdd", 16, "start")}${u.active
                  ? t("admin.users.deactivate")
                  : t("admin.users.reactivate")}
              </fluent-button>
            <fluent-button size="small" appearance="subtle" data-erase @click=${() =>
              this.#erase(u)}>
                ${icon("delete", 16, "start")}${t("admin.users.erase")}
              </fluent-button>
          `}</td>
      </tr>
    `;
  }

  async #setRole(u: User, e: CustomEvent<string>) {
    const select = e.target as ProcedoSelect;
    const role = e.detail as Role;
    const ok = await this.#patch(u, { role });
    if (ok) {
      this.done = t("admin.users.roleChanged", { name: u.displayName, role: t(`role.${role}`) });
    } else {
      // The role as the list now has it (after a 412, someone else's choice).
      select.value = this.#users.value?.items.find((x) => x.id === u.id)?.role ?? u.role;
    }
  }

  async #setActive(u: User, active: boolean) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: active ? t("admin.users.reactivateTitle") : t("admin.users.deactivateTitle"),
      message: t(active ? "admin.users.reactivateText" : "admin.users.deactivateText", {
        name: u.displayName,
      }),
      confirmLabel: active ? t("admin.users.reactivate") : t("admin.users.deactivate"),
      destructive: !active,
    });
    if (!ok) return;
    if (await this.#patch(u, { active })) {
      this.done = t(active ? "admin.users.reactivated" : "admin.users.deactivated", {
        name: u.displayName,
      });
    }
  }

  /** Erases the user for good (GDPR Art. 17) after one confirmation; the protocol is kept. */
  async #erase(u: User) {
    const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
    const ok = await confirm.ask({
      title: t("admin.users.eraseTitle"),
      message: t("admin.users.eraseText", { name: u.displayName }),
      confirmLabel: t("admin.users.erase"),
      destructive: true,
    });
    if (!ok) return;
    this.actionError = undefined;
    this.done = undefined;
    try {
      const erased = unwrap(
        await session().api.POST("/api/v1/deletion/people/erase", {
          body: { kind: "user", id: u.id, confirm: true },
        }),
      );
      await this.#users.reload();
      this.done = t("admin.users.erased", { name: u.displayName, now: erased.person.displayName });
    } catch (e) {
      this.actionError = e;
    }
  }

  async #patch(u: User, body: Schemas["UserPatch"]): Promise<boolean> {
    this.actionError = undefined;
    this.done = undefined;
    try {
      unwrap(
        await session().api.PATCH("/api/v1/users/{id}", {
          params: { path: { id: u.id }, header: { "if-match": `W/"${u.version}"` } },
          body,
        }),
      );
      await this.#users.reload();
      // Changing oneself changes what the shell may show.
      if (u.id === session().me.user.id) {
        this.dispatchEvent(new Event("procedo-refresh-me", { bubbles: true, composed: true }));
      }
      return true;
    } catch (e) {
      this.actionError = e;
      if (isApiProblem(e) && e.status === 412) {
        // Someone else changed this user meanwhile: show the row as it is now, so the
        // person decides again on what they see.
        await this.#users.reload();
        this.done = t("admin.users.rowReloaded", { name: u.displayName });
      }
      return false;
    }
  }

  #afterConflict = async () => {
    this.actionError = undefined;
    this.done = undefined;
    await this.#users.reload();
  };
}

customElements.define("procedo-admin-users", ProcedoAdminUsers);
