// <procedo-comment-threads process-id node-id step-label>: the comment threads of a process
// (or of one step), newest first, each with its replies; a box to comment, reply, edit or
// delete one's own words, and for the process owner "Resolve". Everyone who can read the
// process comments, readers included. `focus-id` opens on one thread (a link from the inbox
// or a mail) and marks its notifications read.
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDateTime, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import "./comment_composer.ts";
import type { ProcedoCommentComposer, SubmitDetail } from "./comment_composer.ts";
import { commentBody } from "./comment_body.ts";
import { inboxCount } from "./inbox_count.ts";

type Thread = Schemas["CommentThread"];
type Comment = Schemas["Comment"];

export class ProcedoCommentThreads extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    nodeId: { attribute: "node-id" },
    stepLabel: { attribute: "step-label" },
    focusId: { attribute: "focus-id" },
    replyTo: { state: true },
    editing: { state: true },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
      }
      .thread {
        border: var(--strokeWidthThin) solid var(--colorNeutralStroke2);
        border-radius: var(--borderRadiusMedium);
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      .thread.focus {
        border-color: var(--colorCompoundBrandStroke);
        box-shadow: var(--shadow4);
      }
      .thread.resolved {
        background: var(--colorNeutralBackground2);
      }
      .replies {
        margin-inline-start: var(--spacingHorizontalXL);
        padding-inline-start: var(--spacingHorizontalM);
        border-inline-start: var(--strokeWidthThick) solid var(--colorNeutralStroke2);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--spacingHorizontalS);
        font-size: var(--fontSizeBase200);
        color: var(--colorNeutralForeground3);
      }
      .meta .author {
        font-size: var(--fontSizeBase300);
        font-weight: var(--fontWeightSemibold);
        color: var(--colorNeutralForeground1);
      }
      .body {
        margin: var(--spacingVerticalXXS) 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .body .mention {
        color: var(--colorBrandForegroundLink);
        font-weight: var(--fontWeightSemibold);
      }
      .deleted {
        font-style: italic;
        color: var(--colorNeutralForeground3);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--spacingHorizontalXS);
      }
      .empty {
        color: var(--colorNeutralForeground3);
      }
    `,
  ];
  declare processId: string;
  declare nodeId: string | undefined;
  declare stepLabel: string | undefined;
  declare focusId: string | undefined;
  declare replyTo: string | null;
  declare editing: string | null;
  /** Which box is storing its words: "new", a thread id (reply) or a comment id (edit). */
  declare sending: string | null;
  declare error: unknown;
  #threads = new ApiData<Thread[]>(this, (signal) => this.#load(signal), { auto: false });
  #marked?: string;

  constructor() {
    super();
    this.processId = "";
    this.replyTo = null;
    this.editing = null;
    this.sending = null;
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues) {
    if ((changed.has("processId") || changed.has("nodeId")) && this.processId) {
      void this.#threads.reload();
    }
  }

  protected override async updated() {
    if (!this.focusId || this.#marked === this.focusId || !this.#threads.value) return;
    this.#marked = this.focusId;
    const el = this.renderRoot.querySelector<HTMLElement>(`[data-thread="${this.focusId}"]`);
    el?.scrollIntoView({ block: "nearest" });
    // Opening the thread reads its notifications (the inbox's mentions and replies).
    await session().api.POST("/api/v1/collaboration/notifications/read", {
      body: { itemId: this.focusId },
    }).catch(() => {});
    inboxCount.refresh();
  }

  async #load(signal: AbortSignal): Promise<Thread[]> {
    const page = unwrap(
      await session().api.GET("/api/v1/collaboration/comments", {
        params: {
          query: { processId: this.processId, nodeId: this.nodeId || undefined, limit: 200 },
        },
        signal,
      }),
    );
    return page.items;
  }

  override render() {
    const threads = this.#threads.value;
    const newLabel = this.stepLabel
      ? t("collab.comments.newOnStep", { step: this.stepLabel })
      : t("collab.comments.new");
    return html`
      <procedo-problem .error=${this.error ?? this.#threads.error} @retry=${() =>
        this.#threads.reload()}></procedo-problem>
      <procedo-comment-composer data-testid="new-comment" label=${newLabel}
        submit-label=${t("collab.comments.send")} ?busy=${this.sending === "new"}
        @submit=${(e: CustomEvent<SubmitDetail>) => this.#create(e)}></procedo-comment-composer>
      ${threads === undefined
        ? html`<fluent-spinner size="small" aria-label=${t("app.loading")}></fluent-spinner>`
        : threads.length
        ? html`<ol data-testid="comment-threads">${threads.map((th) => this.#thread(th))}</ol>`
        : html`<p class="empty">${t("collab.comments.empty")}</p>`}
      <procedo-confirm></procedo-confirm>
    `;
  }

  #thread(th: Thread) {
    const classes = [
      "thread",
      th.resolvedAt ? "resolved" : "",
      th.id === this.focusId ? "focus" : "",
    ]
      .join(" ");
    return html`
      <li class=${classes} data-thread=${th.id} data-testid="comment-thread">
        ${this.#comment(th, true)}
        ${th.replies.length
          ? html`<ol class="replies">${
            th.replies.map((r) => html`<li>${this.#comment(r, false)}</li>`)
          }</ol>`
          : nothing}
        ${this.replyTo === th.id
          ? html`
            <procedo-comment-composer class="replies" data-testid="reply-box"
              label=${t("collab.comments.replyLabel", { name: th.author.displayName })}
              submit-label=${t("collab.comments.reply")} ?busy=${this.sending === th.id}
              @submit=${(e: CustomEvent<SubmitDetail>) => this.#create(e, th.id)}
            >
              <fluent-button slot="extra" @click=${() => (this.replyTo = null)}>${t(
                "collab.comments.cancel",
              )}</fluent-button>
            </procedo-comment-composer>
          `
          : nothing}
      </li>
    `;
  }

  #comment(c: Comment, root: boolean) {
    const step = !this.nodeId && root && c.stepLabel
      ? html`<span>${t("collab.comments.step", { step: c.stepLabel })}</span>`
      : nothing;
    if (this.editing === c.id) {
      return html`
        <procedo-comment-composer data-testid="edit-box" label=${t("collab.comments.edit")}
          submit-label=${t("collab.comments.save")} ?busy=${this.sending === c.id} .value=${c.body}
          @submit=${(e: CustomEvent<SubmitDetail>) => this.#edit(c, e.detail.body)}
        >
          <fluent-button slot="extra" @click=${() => (this.editing = null)}>${t(
            "collab.comments.cancel",
          )}</fluent-button>
        </procedo-comment-composer>
      `;
    }
    return html`
      <div class="meta">
        <span class="author">${c.author.displayName}</span>
        <time datetime=${c.createdAt}>${formatDateTime(c.createdAt)}</time>
        ${c.editedAt ? html`<span>(${t("collab.comments.edited")})</span>` : nothing}
        ${step}
        ${root && c.resolvedAt
          ? html`<fluent-badge appearance="tint" color="success">${
            t(
              "collab.comments.resolved",
            )
          }</fluent-badge>`
          : nothing}
      </div>
      ${c.deleted
        ? html`<p class="body deleted">${t("collab.comments.deleted")}</p>`
        : html`<p class="body" data-testid="comment-body">${commentBody(c.body)}</p>`}
      <div class="actions">
        ${root
          ? html`
            <fluent-button size="small" appearance="subtle" data-testid="reply"
              @click=${() => this.#openReply(c.id)}>${t("collab.comments.reply")}</fluent-button>
          `
          : nothing}
        ${c.canEdit
          ? html`
            <fluent-button size="small" appearance="subtle" data-testid="edit-comment"
              @click=${() => (this.editing = c.id)}>${t("collab.comments.edit")}</fluent-button>
          `
          : nothing}
        ${c.canDelete
          ? html`
            <fluent-button size="small" appearance="subtle" data-testid="delete-comment"
              @click=${() => this.#delete(c)}>${t("collab.comments.delete")}</fluent-button>
          `
          : nothing}
        ${c.canResolve
          ? html`
            <fluent-button size="small" appearance="subtle" data-testid="resolve-thread"
              @click=${() => this.#resolve(c, !c.resolvedAt)}>${c.resolvedAt
                ? t("collab.comments.reopen")
                : t("collab.comments.resolve")}</fluent-button>
          `
          : nothing}
      </div>
    `;
  }

  async #openReply(id: string) {
    this.replyTo = id;
    await this.updateComplete;
    this.renderRoot.querySelector<ProcedoCommentComposer>("[data-testid=reply-box]")?.focus();
  }

  async #run(work: () => Promise<unknown>, box: string | null = null) {
    this.sending = box;
    this.error = undefined;
    try {
      await work();
      await this.#threads.reload();
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.sending = null;
    }
  }

  async #create(e: CustomEvent<SubmitDetail>, parentId?: string) {
    const composer = e.target as ProcedoCommentComposer;
    const ok = await this.#run(async () =>
      unwrap(
        await session().api.POST("/api/v1/collaboration/comments", {
          body: {
            processId: this.processId,
            nodeId: parentId ? undefined : this.nodeId || undefined,
            parentId,
            body: e.detail.body,
          },
        }),
      ), parentId ?? "new");
    if (ok) {
      composer.done();
      this.replyTo = null;
    }
  }

  async #edit(c: Comment, body: string) {
    const ok = await this.#run(async () =>
      unwrap(
        await session().api.PATCH("/api/v1/collaboration/comments/{id}", {
          params: { path: { id: c.id }, header: { "if-match": `W/"${c.version}"` } },
          body: { body },
        }),
      ), c.id);
    if (ok) this.editing = null;
  }

  async #delete(c: Comment) {
    const confirm = this.renderRoot.querySelector<ProcedoConfirm>("procedo-confirm")!;
    const sure = await confirm.ask({
      title: t("collab.comments.deleteTitle"),
      message: t("collab.comments.deleteText"),
      confirmLabel: t("collab.comments.delete"),
      destructive: true,
    });
    if (!sure) return;
    await this.#run(async () => {
      const res = await session().api.DELETE("/api/v1/collaboration/comments/{id}", {
        params: { path: { id: c.id } },
      });
      if (res.error) unwrap(res);
    });
  }

  async #resolve(c: Comment, resolved: boolean) {
    await this.#run(async () =>
      unwrap(
        await session().api.POST("/api/v1/collaboration/comments/{id}/resolve", {
          params: { path: { id: c.id } },
          body: { resolved },
        }),
      )
    );
  }
}

customElements.define("procedo-comment-threads", ProcedoCommentThreads);
