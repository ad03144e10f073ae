// <procedo-webhook-panel>: registers a webhook (URL and event types) in a panel, then shows
// its signing secret once in a dialog with a copy button. The secret is dropped when the
// dialog closes: the server never shows it again.
import { css, html, LitElement, nothing } from "lit";
import type { Dialog, TextInput } from "@fluentui/web-components";
import { icon } from "../../components/icons.ts";
import "../../components/problem_bar.ts";
import "../../components/side_panel.ts";
import type { ProcedoPanel } from "../../components/side_panel.ts";
import { base, controls } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { LocaleController, type MessageKey, t } from "../../lib/i18n.ts";
import { explain } from "../../lib/problems.ts";
import { session } from "../session.ts";

type EventType = Schemas["WebhookEndpointCreate"]["events"][number];

/** The event types an endpoint can subscribe to, in the order the form lists them. */
export const WEBHOOK_EVENTS: EventType[] = [
  "process.published",
  "approval.requested",
  "approval.decided",
  "review.due",
  "problem.reported",
  "comment.created",
  "tenant.export.ready",
  "webhook.disabled",
];

export const eventLabel = (type: string) => t(`webhooks.event.${type}` as MessageKey);

export class ProcedoWebhookPanel extends LitElement {
  static override properties = {
    created: { state: true },
    error: { state: true },
    busy: { state: true },
    copied: { state: true },
    missing: { state: true },
  };
  static override styles = [
    base,
    controls,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalL);
      }
      fluent-text-input {
        max-width: none;
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
      }
      legend {
        font-weight: var(--fontWeightSemibold);
        margin-bottom: var(--spacingVerticalS);
      }
      .check {
        display: flex;
        gap: var(--spacingHorizontalS);
        align-items: center;
      }
      .secret {
        font-family: var(--fontFamilyMonospace);
        width: 100%;
        box-sizing: border-box;
      }
      .hint {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare created: Schemas["WebhookEndpointCreated"] | undefined;
  declare error: unknown;
  declare busy: boolean;
  declare copied: boolean;
  /** Which required input is empty: the URL or the events. */
  declare missing: "url" | "events" | undefined;

  constructor() {
    super();
    this.busy = false;
    this.copied = false;
    new LocaleController(this);
  }

  async open() {
    this.error = undefined;
    this.missing = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector("form")!.reset();
    await this.#panel.show();
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }

  override render() {
    const x = this.error ? explain(this.error) : undefined;
    const urlError = this.missing === "url" ? t("form.required") : x?.fields["body.url"];
    const eventsError = this.missing === "events"
      ? t("webhooks.eventsMissing")
      : Object.entries(x?.fields ?? {}).find(([k]) => k.startsWith("body.events"))?.[1];
    return html`
      <procedo-panel heading=${t("webhooks.newTitle")}>
        <form @submit=${this.#create} novalidate>
          <div class="control">
            <fluent-text-input name="url" type="url" required maxlength="2000" autofocus
              placeholder="https://">${t("webhooks.url")}</fluent-text-input>
            <span class="hint">${t("webhooks.urlHint")}</span>
            ${urlError ? html`<span class="field-error" role="alert">${urlError}</span>` : nothing}
          </div>
          <fieldset>
            <legend>${t("webhooks.events")}</legend>
            ${WEBHOOK_EVENTS.map((type) =>
              html`<label class="check"><input type="checkbox" name="event" value=${type}
                ?checked=${type === "process.published"}>${eventLabel(type)}</label>`
            )}
            ${eventsError
              ? html`<span class="field-error" role="alert">${eventsError}</span>`
              : nothing}
          </fieldset>
          <procedo-problem .error=${urlError || eventsError
            ? undefined
            : this.error}></procedo-problem>
        </form>
        <fluent-button slot="footer" appearance="primary" ?disabled=${this.busy}
          data-testid="create-webhook" @click=${this.#create}>${t(
            "webhooks.create",
          )}</fluent-button>
        <fluent-button slot="footer" @click=${() => this.#panel.hide()}>${t(
          "action.cancel",
        )}</fluent-button>
      </procedo-panel>
      ${this.#createdDialog()}
    `;
  }

  #createdDialog() {
    return html`
      <fluent-dialog aria-label=${t("webhooks.createdTitle")} data-testid="secret-dialog"
        @toggle=${(e: CustomEvent<{ newState: string }>) => {
          if (e.detail?.newState === "closed") this.#forget();
        }}>
        <fluent-dialog-body>
          <h2 slot="title">${t("webhooks.createdTitle")}</h2>
          <p>${t("webhooks.createdText")}</p>
          <p><label class="control"><span>${t("webhooks.secret")}</span>
            <input class="native secret" readonly .value=${this.created?.secret ?? ""}
              data-testid="created-secret"
              @focus=${(e: Event) => (e.target as HTMLInputElement).select()}></label></p>
          <p role="status">${this.copied ? t("webhooks.copied") : ""}</p>
          <fluent-button slot="action" appearance="primary" @click=${this.#copy}>
            ${icon("copy", 20, "start")}${t("action.copy")}</fluent-button>
          <fluent-button slot="action" data-testid="close-secret" @click=${() =>
            (this.renderRoot.querySelector("fluent-dialog") as Dialog).hide()}>
            ${t("action.done")}</fluent-button>
        </fluent-dialog-body>
      </fluent-dialog>
    `;
  }

  #create = async (e: Event) => {
    e.preventDefault();
    const form = this.renderRoot.querySelector("form")!;
    const url = ((form.querySelector("[name=url]") as TextInput).value ?? "").trim();
    const events = [...form.querySelectorAll<HTMLInputElement>("[name=event]:checked")]
      .map((box) => box.value as EventType);
    this.missing = !url ? "url" : !events.length ? "events" : undefined;
    if (this.missing) return;
    this.busy = true;
    this.error = undefined;
    try {
      this.created = unwrap(
        await session().api.POST("/api/v1/webhooks", { body: { url, events } }),
      );
      this.copied = false;
      this.#panel.hide();
      await this.updateComplete;
      (this.renderRoot.querySelector("fluent-dialog") as Dialog).show();
      this.dispatchEvent(new Event("created"));
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  };

  #copy = async () => {
    try {
      await navigator.clipboard.writeText(this.created?.secret ?? "");
      this.copied = true;
    } catch {
      // No clipboard permission: the secret is selected so Ctrl+C works.
      (this.renderRoot.querySelector("[data-testid=created-secret]") as HTMLInputElement)
        .select();
    }
  };

  #forget() {
    this.created = undefined;
    this.copied = false;
  }
}

customElements.define("procedo-webhook-panel", ProcedoWebhookPanel);
