// <procedo-offboarding>: "Delete this workspace". Says what happens, then two steps: when to
// delete (now, or a date up to 90 days ahead), and the workspace's name typed to confirm (the
// button stays disabled until it matches). The API's 422 is shown at the field it names.
// After 202 the workspace is locked: `offboarded` carries the signed status link up to the
// page, which follows the deletion from there without a session.
import { css, html, LitElement, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { fieldError, formErrors } from "../../../components/form_errors.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base, controls } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { formatDate, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import { dataStyles } from "./data_styles.ts";

type Step = "intro" | "when" | "confirm";
type Purge = "immediate" | "scheduled";
const FIELDS = ["body.confirmName", "body.purgeAt"] as const;
const MAX_DAYS = 90;

export interface Offboarded {
  statusUrl: string;
  /** The chosen date of a scheduled purge (ISO). */
  purgeAt?: string;
}

/** YYYY-MM-DD of the local day `days` after today. */
function localDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export class ProcedoOffboarding extends LitElement {
  static override properties = {
    step: { state: true },
    purge: { state: true },
    day: { state: true },
    dateError: { state: true },
    typed: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    base,
    controls,
    dataStyles,
    css`
      .card {
        border-color: var(--colorPaletteRedBorder2);
      }
      fieldset {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalS);
        margin: 0;
        padding: 0;
        border: none;
      }
      legend {
        margin-bottom: var(--spacingVerticalS);
        font-weight: var(--fontWeightSemibold);
      }
      .choice {
        display: flex;
        align-items: flex-start;
        gap: var(--spacingHorizontalS);
      }
      .choice input {
        margin-top: 3px;
      }
      .hint {
        display: block;
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
      .date {
        margin-inline-start: var(--spacingHorizontalXXL);
      }
      .name {
        font-weight: var(--fontWeightSemibold);
        overflow-wrap: anywhere;
      }
      input.native[name="confirmName"] {
        width: min(100%, 24rem);
      }
    `,
  ];
  declare step: Step;
  declare purge: Purge;
  declare day: string;
  declare dateError: string | undefined;
  declare typed: string;
  declare busy: boolean;
  declare error: unknown;
  /** The name as it is now (another executive may have renamed the workspace meanwhile). */
  #name = new ApiData(
    this,
    async (signal) => unwrap(await session().api.GET("/api/v1/users/me", { signal })).tenant.name,
    { auto: false },
  );

  constructor() {
    super();
    this.step = "intro";
    this.purge = "immediate";
    this.day = "";
    this.typed = "";
    this.busy = false;
    new LocaleController(this);
  }

  override render() {
    return html`
      <section class="card" aria-labelledby="delete-heading" data-testid="offboarding">
        <h2 id="delete-heading">${icon("delete")}${t("data.delete.title")}</h2>
        <p>${t("data.delete.text")}</p>
        ${this.step === "intro"
          ? html`
            <p class="muted">${t("data.delete.exportFirst")}</p>
            <fluent-button data-testid="offboarding-start" @click=${() => this.#go("when")}>
              ${icon("delete", 20, "start")}${t("data.delete.start")}</fluent-button>
          `
          : this.step === "when"
          ? this.#when()
          : this.#confirm()}
      </section>
    `;
  }

  #when() {
    const errors = formErrors(this.error, FIELDS);
    const dateError = this.dateError ?? errors.fields["body.purgeAt"];
    const choice = (value: Purge, label: string, hint: string) =>
      html`
        <label class="choice">
          <input type="radio" name="purge" value=${value} .checked=${live(this.purge === value)}
            data-testid=${`purge-${value}`} @change=${() => {
              this.purge = value;
              this.dateError = undefined;
            }}>
          <span>${label}<span class="hint">${hint}</span></span>
        </label>
      `;
    return html`
      <fieldset>
        <legend>${t("data.delete.when")}</legend>
        ${choice("immediate", t("data.delete.immediate"), t("data.delete.immediateHint"))}
        ${choice("scheduled", t("data.delete.scheduled"), t("data.delete.scheduledHint"))}
        ${this.purge === "scheduled"
          ? html`
            <label class="control date"><span>${t("data.delete.date")}</span>
              <input class="native" type="date" name="purgeAt" .value=${live(this.day)}
                min=${localDay(1)} max=${localDay(MAX_DAYS)} data-testid="purge-date"
                aria-invalid=${dateError ? "true" : "false"}
                @input=${(e: Event) => {
                  this.day = (e.target as HTMLInputElement).value;
                  this.dateError = undefined;
                }}>
              ${fieldError(dateError)}
            </label>
          `
          : nothing}
      </fieldset>
      <div class="actions">
        <fluent-button appearance="primary" data-testid="offboarding-continue"
          @click=${this.#continue}>${t("data.delete.continue")}</fluent-button>
        <fluent-button @click=${this.#cancel}>${t("data.delete.cancel")}</fluent-button>
      </div>
    `;
  }

  #confirm() {
    const name = this.#name.value ?? session().me.tenant.name;
    const errors = formErrors(this.error, FIELDS);
    const matches = this.typed === name;
    const summary = this.purge === "immediate"
      ? t("data.delete.summaryImmediate", { name })
      : t("data.delete.summaryScheduled", { name, date: formatDate(this.#purgeAt()) });
    return html`
      <h3 class="visually-hidden">${t("data.delete.confirmTitle")}</h3>
      <fluent-message-bar intent="warning" layout="multiline">${summary}</fluent-message-bar>
      <label class="control"><span>${t("data.delete.typeName", { name })}</span>
        <input class="native" name="confirmName" autocomplete="off" spellcheck="false"
          data-testid="confirm-name" .value=${live(this.typed)}
          aria-describedby="name-hint"
          aria-invalid=${errors.fields["body.confirmName"] ? "true" : "false"}
          @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}>
        ${fieldError(errors.fields["body.confirmName"] && t("data.delete.nameRefused"))}
      </label>
      <p id="name-hint" class="muted">${matches ? "" : t("data.delete.nameMismatch")}</p>
      <procedo-problem .error=${errors.rest ?? this.#name.error}></procedo-problem>
      <div class="actions">
        <fluent-button appearance="primary" data-testid="offboarding-confirm"
          ?disabled=${!matches || this.busy || this.#name.loading}
          title=${matches ? nothing : t("data.delete.nameMismatch")}
          @click=${this.#submit}>${icon("delete", 20, "start")}${t(
            "data.delete.confirm",
          )}</fluent-button>
        <fluent-button ?disabled=${this.busy} @click=${() => this.#go("when")}>${t(
          "data.delete.back",
        )}</fluent-button>
      </div>
    `;
  }

  /** The start of the chosen day in the person's time zone, as ISO. */
  #purgeAt(): string {
    return new Date(`${this.day}T00:00:00`).toISOString();
  }

  #go(step: Step) {
    this.step = step;
  }

  #cancel = () => {
    this.step = "intro";
    this.purge = "immediate";
    this.day = "";
    this.typed = "";
    this.error = undefined;
    this.dateError = undefined;
  };

  #continue = () => {
    if (this.purge === "scheduled") {
      if (!this.day) {
        this.dateError = t("data.delete.dateRequired");
        return;
      }
      if (this.day < localDay(1) || this.day > localDay(MAX_DAYS)) {
        this.dateError = t("data.delete.dateRange");
        return;
      }
    }
    this.error = undefined;
    this.#go("confirm");
    void this.#name.reload();
  };

  #submit = async () => {
    this.busy = true;
    this.error = undefined;
    const purgeAt = this.purge === "scheduled" ? this.#purgeAt() : undefined;
    try {
      const started = unwrap(
        await session().api.POST("/api/v1/deletion/offboarding", {
          body: { confirmName: this.typed, purge: this.purge, ...(purgeAt ? { purgeAt } : {}) },
        }),
      );
      this.dispatchEvent(
        new CustomEvent<Offboarded>("offboarded", {
          detail: { statusUrl: started.statusUrl, purgeAt },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (e) {
      this.error = e;
      // The date is asked for in the first step: go back there to show what is wrong with it.
      const fields = formErrors(e, FIELDS).fields;
      if (fields["body.purgeAt"]) this.step = "when";
      if (fields["body.confirmName"]) void this.#name.reload();
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("procedo-offboarding", ProcedoOffboarding);
