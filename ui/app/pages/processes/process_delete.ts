// <procedo-process-delete>: the process page's Delete command (modelers). It first asks the
// recycle bin's where-used preview and shows what refers to the process in the confirmation;
// the deleted process stays 30 days in the recycle bin.
import { css, html, LitElement } from "lit";
import "../../../components/confirm_dialog.ts";
import type { ProcedoConfirm } from "../../../components/confirm_dialog.ts";
import { icon } from "../../../components/icons.ts";
import "../../../components/problem_bar.ts";
import { base } from "../../../components/styles.ts";
import { unwrap } from "../../../lib/api/client.ts";
import { LocaleController, t } from "../../../lib/i18n.ts";
import { router } from "../../../lib/router.ts";
import { session } from "../../session.ts";
import type { Process } from "./page_model.ts";

export class ProcedoProcessDelete extends LitElement {
  static override properties = {
    process: { attribute: false },
    error: { state: true },
  };
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
    `,
  ];
  declare process: Process;
  declare error: unknown;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`
      <fluent-button size="small" appearance="subtle" data-testid="delete-process"
        @click=${() => this.#delete()}>${icon("delete", 16, "start")}${t(
          "bin.deleteProcess",
        )}</fluent-button>
      <procedo-problem .error=${this.error}></procedo-problem>
      <procedo-confirm></procedo-confirm>
    `;
  }

  async #delete() {
    const p = this.process;
    this.error = undefined;
    try {
      const used = unwrap(
        await session().api.GET("/api/v1/recycle-bin/where-used", {
          params: { query: { type: "process", id: p.id } },
        }),
      );
      const titles = used.items.map((i) => `“${i.title}”`).join(", ");
      const confirm = this.renderRoot.querySelector("procedo-confirm") as ProcedoConfirm;
      const ok = await confirm.ask({
        title: t("bin.deleteProcessTitle"),
        message: (used.items.length ? t("bin.usedBy", { names: titles }) + " " : "") +
          t("bin.deleteProcessText", { name: p.title }),
        confirmLabel: t("bin.delete"),
        destructive: true,
      });
      if (!ok) return;
      unwrap(
        await session().api.DELETE("/api/v1/processes/{id}", {
          params: { path: { id: p.id }, header: { "if-match": "*" } },
        }),
      );
      router.navigate("/processes");
    } catch (e) {
      this.error = e;
    }
  }
}

customElements.define("procedo-process-delete", ProcedoProcessDelete);
