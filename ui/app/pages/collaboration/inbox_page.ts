// <procedo-inbox-page> (/inbox): what waits for the person — approvals to decide (approve or
// reject right here), reviews due for their processes, problems assigned to them, mentions
// and replies — newest first, each linking to its place.
import { css, html, LitElement, nothing } from "lit";
import type { TextArea } from "@fluentui/web-components";
import { icon, type IconName } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base, page } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import {
  formatDate,
  formatDateTime,
  LocaleController,
  type MessageKey,
  t,
} from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { inboxCount } from "./inbox_count.ts";

type Item = Schemas["InboxItem"];

const ICONS: Record<Item["kind"], IconName> = {
  approval: "shieldTask",
  review: "calendarClock",
  problem: "warning",
  mention: "person",
  reply: "history",
};

export class ProcedoInboxPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    rejecting: { state: true },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    base,
    page,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
      }
      li {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--spacingVerticalXS) var(--spacingHorizontalM);
        padding: var(--spacingVerticalM) var(--spacingHorizontalS);
        border-bottom: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
      }
      li > .icon {
        margin-top: 2px;
        color: var(--colorBrandForeground1);
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
        min-width: 0;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--spacingHorizontalS);
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      a.title {
        color: var(--colorBrandForegroundLink);
        font-weight: var(--fontWeightSemibold);
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalS);
        align-items: flex-end;
      }
      fluent-textarea {
        min-width: 20rem;
      }
    `,
  ];
  declare params: Record<string, string>;
  declare rejecting: string | null;
  declare busy: boolean;
  declare error: unknown;
  declare done: string | undefined;
  #inbox = new ApiData<Schemas["Inbox"]>(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/collaboration/inbox", { signal })),
  );

  constructor() {
    super();
    this.params = {};
    this.rejecting = null;
    this.busy = false;
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    // Shown again after a visit elsewhere: what waits may have changed.
    if (this.#inbox.value) void this.#inbox.reload();
  }

  override render() {
    const box = this.#inbox.value;
    return html`
      <h1>${t("collab.inbox.title")}</h1>
      <p>${t("collab.inbox.intro")}</p>
      <div class="commandbar" role="toolbar" aria-label=${t("collab.inbox.title")}>
        <fluent-button ?disabled=${this.busy} data-testid="mark-all-read"
          @click=${() =>
            this.#run(async () => {
              unwrap(
                await session().api.POST("/api/v1/collaboration/notifications/read", {
                  body: { all: true },
                }),
              );
            })}>${icon("checkmark", 20, "start")}${t("collab.inbox.markAllRead")}</fluent-button>
        <a href="/settings/notifications">${icon("settings", 20)} ${t("collab.inbox.settings")}</a>
      </div>
      <div role="status">${this.done
        ? html`<fluent-message-bar intent="success">${this.done}</fluent-message-bar>`
        : nothing}</div>
      <procedo-problem .error=${this.error ?? this.#inbox.error} @retry=${() =>
        this.#inbox.reload()}></procedo-problem>
      ${box === undefined
        ? html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`
        : box.items.length
        ? html`<ol aria-label=${t("collab.inbox.list")} data-testid="inbox-items">${
          box.items.map((i) => this.#item(i))
        }</ol>`
        : html`<p class="empty">${t("collab.inbox.empty")}</p>`}
    `;
  }

  #item(i: Item) {
    const when = i.kind === "review" ? formatDate(i.at) : formatDateTime(i.at);
    return html`
      <li data-testid="inbox-item" data-kind=${i.kind}>
        ${icon(ICONS[i.kind])}
        <div class="main">
          <div class="head">
            <span>${t(`collab.inbox.kind.${i.kind}` as MessageKey)}</span>
            <time datetime=${i.at}>${when}</time>
            ${i.overdue
              ? html`<fluent-badge appearance="filled" color="danger">${
                t("collab.inbox.overdue")
              }</fluent-badge>`
              : nothing}
          </div>
          <a class="title" href=${i.link} data-testid="inbox-link">${i.title}</a>
          ${this.#actions(i)}
        </div>
      </li>
    `;
  }

  #actions(i: Item) {
    if (i.kind === "approval") {
      if (this.rejecting === i.id) {
        return html`
          <div class="actions">
            <fluent-textarea name="reason" maxlength="2000" resize="vertical" data-testid="reject-reason"
            ><span slot="label">${t("collab.inbox.rejectReason")}</span></fluent-textarea>
            <fluent-button appearance="primary" ?disabled=${this.busy} data-testid="reject-confirm"
              @click=${() => this.#reject(i)}>${t("collab.inbox.reject")}</fluent-button>
            <fluent-button @click=${() => (this.rejecting = null)}>${t(
              "action.cancel",
            )}</fluent-button>
          </div>
        `;
      }
      return html`
        <div class="actions">
          <fluent-button appearance="primary" ?disabled=${this.busy} data-testid="approve"
            @click=${() => this.#approve(i)}>${icon("checkmark", 20, "start")}${t(
              "collab.inbox.approve",
            )}</fluent-button>
          <fluent-button ?disabled=${this.busy} data-testid="reject"
            @click=${() => (this.rejecting = i.id)}>${t("collab.inbox.reject")}</fluent-button>
        </div>
      `;
    }
    if (i.kind === "mention" || i.kind === "reply") {
      return html`
        <div class="actions">
          <fluent-button size="small" appearance="subtle" ?disabled=${this
            .busy} data-testid="mark-read"
            @click=${() =>
              this.#run(async () => {
                unwrap(
                  await session().api.POST("/api/v1/collaboration/notifications/read", {
                    body: { ids: [i.id] },
                  }),
                );
              })}>${t("collab.inbox.markRead")}</fluent-button>
        </div>
      `;
    }
    return nothing;
  }

  #approve(i: Item) {
    return this.#run(async () => {
      unwrap(
        await session().api.POST("/api/v1/processes/{id}/approvals/{approvalId}/approve", {
          params: { path: { id: i.processId, approvalId: i.itemId! } },
          body: {},
        }),
      );
    }, t("collab.inbox.approved"));
  }

  #reject(i: Item) {
    const reason = (this.renderRoot.querySelector<TextArea>("[name=reason]")?.value ?? "").trim();
    return this.#run(async () => {
      unwrap(
        await session().api.POST("/api/v1/processes/{id}/approvals/{approvalId}/reject", {
          params: { path: { id: i.processId, approvalId: i.itemId! } },
          body: { reason },
        }),
      );
      this.rejecting = null;
    }, t("collab.inbox.rejected"));
  }

  /** Does `work`, shows the inbox as it is now, then says `done`. */
  async #run(work: () => Promise<void>, done?: string) {
    this.busy = true;
    this.error = undefined;
    this.done = undefined;
    try {
      await work();
      await this.#inbox.reload();
      this.done = done;
      void inboxCount.refresh();
    } catch (e) {
      this.error = e;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define("procedo-inbox-page", ProcedoInboxPage);
