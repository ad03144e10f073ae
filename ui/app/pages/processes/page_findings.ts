// <procedo-process-findings process-id=…>: what validation says about the draft (modelers):
// errors that block approval and warnings, translated by their stable code and naming the
// steps concerned. A finding about steps selects the first of them in the diagram
// (`step-select` with { id }).
import { css, html, LitElement, nothing } from "lit";
import "../../../components/problem_bar.ts";
import { icon } from "../../../components/icons.ts";
import { base } from "../../../components/styles.ts";
import { type Schemas, unwrap } from "../../../lib/api/client.ts";
import { ApiData } from "../../../lib/api_data.ts";
import { hasMessage, LocaleController, t } from "../../../lib/i18n.ts";
import { session } from "../../session.ts";
import type { Graph } from "./page_model.ts";

type Finding = Schemas["ValidationFinding"];

export class ProcedoProcessFindings extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    graph: { attribute: false },
  };
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalM);
      }
      ul {
        display: flex;
        flex-direction: column;
        gap: var(--spacingVerticalXS);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: flex-start;
        gap: var(--spacingHorizontalS);
        padding: var(--spacingVerticalS) var(--spacingHorizontalM);
        border-radius: var(--borderRadiusMedium);
        background: var(--colorNeutralBackground2);
      }
      li .text {
        flex: 1;
        display: flex;
        flex-direction: column;
      }
      .error .icon {
        color: var(--colorPaletteRedForeground1);
      }
      .warning .icon {
        color: var(--colorPaletteYellowForeground1);
      }
      .where {
        color: var(--colorNeutralForeground3);
        font-size: var(--fontSizeBase200);
      }
    `,
  ];
  declare processId: string;
  declare graph: Graph | undefined;
  #data = new ApiData(this, async (signal) =>
    unwrap(
      await session().api.GET("/api/v1/processes/{id}/draft/validation", {
        params: { path: { id: this.processId } },
        signal,
      }),
    ));

  constructor() {
    super();
    new LocaleController(this);
  }

  /** Validates again (after the draft changed). */
  reload() {
    return this.#data.reload();
  }

  override render() {
    const d = this.#data;
    if (d.error) {
      return html`<procedo-problem .error=${d.error} @retry=${() => d.reload()}></procedo-problem>`;
    }
    if (!d.value) return html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    const v = d.value;
    return html`
      <fluent-message-bar intent=${v.publishable
        ? "success"
        : "error"} data-testid="findings-summary">
        ${v.publishable ? t("processes.findings.publishable") : t("processes.findings.blocked")}
        ${t("processes.findings.counts", {
          errors: t("findings.errors", { count: v.counts.errors }),
          warnings: t("findings.warnings", { count: v.counts.warnings }),
        })}
      </fluent-message-bar>
      ${v.findings.length
        ? html`<ul data-testid="findings">${v.findings.map((f) => this.#finding(f))}</ul>`
        : html`<p class="muted">${t("processes.findings.none")}</p>`}
    `;
  }

  #finding(f: Finding) {
    const key = `processes.findings.code.${f.code}`;
    const text = hasMessage(key) ? t(key) : f.message;
    const steps = f.nodeIds.map((id) => this.graph?.nodes.find((n) => n.id === id)?.label || id);
    const severity = f.severity === "error"
      ? t("processes.findings.error")
      : t("processes.findings.warning");
    return html`<li class=${f.severity} data-code=${f.code}>
      ${icon(f.severity === "error" ? "error" : "warning", 20)}
      <span class="text">
        <span><span class="visually-hidden">${severity}: </span>${text}</span>
        ${steps.length ? html`<span class="where">${steps.join(", ")}</span>` : nothing}
      </span>
      ${
      f.nodeIds.length
        ? html`
          <fluent-button size="small" appearance="subtle"
            aria-label=${t("processes.findings.showLabel", { step: steps[0] })}
            @click=${() => this.#select(f.nodeIds[0])}>${t(
              "processes.findings.show",
            )}</fluent-button>
        `
        : nothing
    }
    </li>`;
  }

  #select(id: string) {
    this.dispatchEvent(new CustomEvent("step-select", { detail: { id }, bubbles: true }));
  }
}

customElements.define("procedo-process-findings", ProcedoProcessFindings);
