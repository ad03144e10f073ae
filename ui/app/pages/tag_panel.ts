// <procedo-tag-panel>: creates or edits a tag in a panel from the right. Saving an edit names
// the version it started from (If-Match); when someone else saved first (412) the panel
// offers to load their version, after which the person applies their change again.
import { css, html, LitElement } from "lit";
import type { TextArea, TextInput } from "@fluentui/web-components";
import "../../components/problem_bar.ts";
import "../../components/side_panel.ts";
import type { ProcedoPanel } from "../../components/side_panel.ts";
import { base, controls } from "../../components/styles.ts";
import { type Schemas, unwrap } from "../../lib/api/client.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { explain } from "../../lib/problems.ts";
import { session } from "../session.ts";

type Tag = Schemas["Tag"];
const DEFAULT_COLOR = "#0f6cbd";

export class ProcedoTagPanel extends LitElement {
  static override properties = {
    tag: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
    nameMissing: { state: true },
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
      .color {
        display: flex;
        align-items: center;
        gap: var(--spacingHorizontalS);
      }
      fluent-text-input {
        max-width: none;
      }
      input[type="color"] {
        width: 48px;
        padding: 2px;
      }
    `,
  ];
  declare tag: Tag | undefined;
  declare error: unknown;
  declare notice: string | undefined;
  declare busy: boolean;
  declare nameMissing: boolean;

  constructor() {
    super();
    this.busy = false;
    this.nameMissing = false;
    new LocaleController(this);
  }

  /** Opens the panel for a new tag, or for `tag`. */
  async open(tag?: Tag) {
    this.tag = tag;
    this.error = undefined;
    this.notice = undefined;
    this.nameMissing = false;
    await this.updateComplete;
    this.#form.reset();
    this.#fill(tag);
    await this.#panel.show();
  }

  get #panel() {
    return this.renderRoot.querySelector("procedo-panel") as ProcedoPanel;
  }
  get #form() {
    return this.renderRoot.querySelector("form") as HTMLFormElement;
  }
  #field<T extends Element>(name: string): T {
    return this.renderRoot.querySelector(`[name="${name}"]`) as T;
  }

  #fill(tag: Tag | undefined) {
    this.#field<TextInput>("name").value = tag?.name ?? "";
    this.#field<HTMLInputElement>("color").value = tag?.color ?? DEFAULT_COLOR;
    this.#field<TextArea>("description").value = tag?.description ?? "";
  }

  override render() {
    const x = this.error ? explain(this.error) : undefined;
    const nameError = this.#nameError(x);
    const heading = this.tag ? t("tags.editTitle", { name: this.tag.name }) : t("tags.newTitle");
    return html`
      <procedo-panel heading=${heading}>
        <form @submit=${this.#save} novalidate>
          <div class="control">
            <fluent-text-input name="name" required maxlength="60" autofocus>
              ${t("tags.name")}
            </fluent-text-input>
            ${nameError ? html`<span class="field-error" role="alert">${nameError}</span>` : ""}
          </div>
          <label class="control">
            <span>${t("tags.color")}</span>
            <span class="color"><input class="native" type="color" name="color"></span>
          </label>
          <fluent-textarea name="description" maxlength="500" resize="vertical" block
            ><span slot="label">${t("tags.description")}</span></fluent-textarea>
          ${this.notice
            ? html`<fluent-message-bar intent="info">${this.notice}</fluent-message-bar>`
            : ""}
          <procedo-problem .error=${nameError ? undefined : this.error} @reload=${this.#loadLatest}>
          </procedo-problem>
        </form>
        <fluent-button
          slot="footer"
          appearance="primary"
          ?disabled=${this.busy}
          data-testid="save-tag"
          @click=${this.#save}
        >${t("action.save")}</fluent-button>
        <fluent-button slot="footer" @click=${() => this.#panel.hide()}>
          ${t("action.cancel")}
        </fluent-button>
      </procedo-panel>
    `;
  }

  #nameError(x: ReturnType<typeof explain> | undefined): string | undefined {
    if (this.nameMissing) return t("form.required");
    if (x?.slug === "tag-name-taken") return x.message;
    return x?.fields["body.name"];
  }

  #save = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: (this.#field<TextInput>("name").value ?? "").trim(),
      color: this.#field<HTMLInputElement>("color").value,
      description: this.#field<TextArea>("description").value ?? "",
    };
    this.nameMissing = !body.name;
    if (this.nameMissing) return;
    this.busy = true;
    this.error = undefined;
    try {
      const { api } = session();
      const saved = this.tag
        ? unwrap(
          await api.PATCH("/api/v1/tags/{id}", {
            params: {
              path: { id: this.tag.id },
              header: { "if-match": `W/"${this.tag.version}"` },
            },
            body,
          }),
        )
        : unwrap(await api.POST("/api/v1/tags", { body }));
      this.#panel.hide();
      this.dispatchEvent(new CustomEvent("saved", { detail: saved }));
    } catch (err) {
      this.error = err;
      this.notice = undefined;
    } finally {
      this.busy = false;
    }
  };

  /** After a 412: shows the version someone else saved; the person's change is re-applied by them. */
  #loadLatest = async () => {
    if (!this.tag) return;
    try {
      const latest = unwrap(
        await session().api.GET("/api/v1/tags/{id}", { params: { path: { id: this.tag.id } } }),
      );
      this.tag = latest;
      this.#fill(latest);
      this.error = undefined;
      this.notice = t("conflict.reloaded");
    } catch (err) {
      this.error = err;
    }
  };
}

customElements.define("procedo-tag-panel", ProcedoTagPanel);
