// <procedo-version-diff process-id=… from=… to=…>: two versions of a process side by side
// (stacked on narrow screens) with what was added, removed and changed highlighted, a legend,
// and the list of changes — the list is the accessible account of the diff; activating an
// entry selects the element in both diagrams and brings it into view, clicking an element in
// a diagram selects its entry. Zoom and pan can follow each other.
//
// `from`/`to`: a version number or "draft" (optional; default: the newest published version
// against the draft for modelers, else the two newest versions). Fires `pair-change`
// ({ from, to } as strings) when the person picks other versions, so a page can keep them in
// its URL. Graphs come from GET …/versions/{n} and GET …/draft, the changes from GET …/diff.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { type ChangeRecord, describeDiff } from "../../editor/describe_changes.ts";
import type { GraphDiff } from "../../../plugins/processes/graph_core/diff.ts";
import { unwrap } from "../../lib/api/client.ts";
import { ApiData } from "../../lib/api_data.ts";
import { LocaleController, t } from "../../lib/i18n.ts";
import { roleAllows, session } from "../../app/session.ts";
import "../problem_bar.ts";
import { base as baseStyles, controls } from "../styles.ts";
import { type Box, type Graph, layoutLanes } from "../diagram/geometry.ts";
import { changeList, elementName, kindBadge } from "./change_list.ts";
import { diffControls, diffLegend } from "./diff_controls.ts";
import {
  countKinds,
  defaultPair,
  type ElementRef,
  graphHas,
  type Highlights,
  highlightsFor,
  isLayoutOnly,
  type Pair,
  parseRef,
  refKey,
  unionBox,
  type VersionRef,
} from "./diff_model.ts";
import "./diff_pane.ts";
import type { ProcedoDiffPane, View } from "./diff_pane.ts";
import { versionDiffStyles } from "./diff_styles.ts";
import { loadNames } from "./names.ts";

export interface PairChangeDetail {
  from: string;
  to: string;
}

interface Comparison {
  pair: Pair;
  base: Graph;
  graph: Graph;
  records: ChangeRecord[];
  frame: Box | undefined;
}

/** What the list and the diagrams show of a comparison, computed once per input. */
interface Shown {
  records: readonly ChangeRecord[];
  hideMoves: boolean;
  list: ChangeRecord[];
  from: Highlights;
  to: Highlights;
}

export class ProcedoVersionDiff extends LitElement {
  static override properties = {
    processId: { attribute: "process-id" },
    from: {},
    to: {},
    pair: { state: true },
    selected: { state: true },
    sync: { state: true },
    hideMoves: { state: true },
    names: { state: true },
  };
  static override styles = [baseStyles, controls, versionDiffStyles];
  declare processId: string;
  /** The earlier version asked for ("draft" or a number), e.g. from the URL. */
  declare from: string | null;
  declare to: string | null;
  declare pair: Pair | undefined;
  declare selected: ElementRef | null;
  declare sync: boolean;
  declare hideMoves: boolean;
  declare names: ReadonlyMap<string, string>;
  readonly canReadDraft = roleAllows(session().me.user.role, "modeler");
  #versions = new ApiData(this, async (signal) =>
    this.processId
      ? unwrap(
        await session().api.GET("/api/v1/processes/{id}/versions", {
          params: { path: { id: this.processId }, query: { limit: 200 } },
          signal,
        }),
      ).items
      : undefined, { auto: false });
  #comparison = new ApiData(this, (signal) => this.#compare(signal), { auto: false });
  #shown?: Shown;
  #versionsFor = "";

  constructor() {
    super();
    this.processId = "";
    this.from = null;
    this.to = null;
    this.selected = null;
    this.sync = true;
    this.hideMoves = false;
    this.names = new Map();
    new LocaleController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    // Loads cut short by a disconnect start again.
    if (this.#versionsFor && !this.#versions.value) void this.#versions.reload();
    if (this.pair && !this.#comparison.value) void this.#comparison.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (this.processId !== this.#versionsFor) {
      this.#versionsFor = this.processId;
      this.pair = undefined;
      void this.#versions.reload();
    }
    if ((changed.has("from") || changed.has("to")) && this.pair) {
      const wanted = this.#requested();
      if (wanted && (wanted.from !== this.pair.from || wanted.to !== this.pair.to)) {
        this.#setPair(wanted, false);
      }
    }
    const versions = this.#versions.value;
    if (!this.pair && versions) {
      const pair = this.#requested() ??
        defaultPair(versions.map((v) => v.number), this.canReadDraft);
      if (pair) this.#setPair(pair, false);
    }
  }

  /** The pair named by the `from` and `to` attributes, when both are valid. */
  #requested(): Pair | undefined {
    const from = parseRef(this.from), to = parseRef(this.to);
    if (from === undefined || to === undefined) return undefined;
    if ((from === "draft" || to === "draft") && !this.canReadDraft) return undefined;
    return { from, to };
  }

  #setPair(pair: Pair, announce: boolean) {
    this.pair = pair;
    this.selected = null;
    if (pair.from !== pair.to) void this.#comparison.reload();
    if (announce) {
      this.dispatchEvent(
        new CustomEvent<PairChangeDetail>("pair-change", {
          detail: { from: String(pair.from), to: String(pair.to) },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  async #compare(signal: AbortSignal): Promise<Comparison | undefined> {
    const pair = this.pair;
    if (!pair) return undefined;
    const { api } = session();
    const id = this.processId;
    const graphOf = async (ref: VersionRef): Promise<Graph> =>
      ref === "draft"
        ? unwrap(
          await api.GET("/api/v1/processes/{id}/draft", { params: { path: { id } }, signal }),
        )
          .graph
        : unwrap(
          await api.GET("/api/v1/processes/{id}/versions/{number}", {
            params: { path: { id, number: ref } },
            signal,
          }),
        ).graph;
    const [base, graph, diff] = await Promise.all([
      graphOf(pair.from),
      graphOf(pair.to),
      api.GET("/api/v1/processes/{id}/diff", {
        params: { path: { id }, query: { from: String(pair.from), to: String(pair.to) } },
        signal,
      }).then(unwrap),
    ]);
    // The server names fields as strings; they are the same DiffField names (parity test).
    const records = describeDiff(diff as unknown as GraphDiff, base, graph);
    const frame = unionBox(layoutLanes(base).bounds, layoutLanes(graph).bounds);
    this.names = new Map();
    // Names are a nicety: the diff shows at once and gains them when they arrive.
    void loadNames(records, [base, graph], signal).then((names) => {
      if (!signal.aborted) this.names = names;
    });
    return { pair, base, graph, records, frame };
  }

  /** The records to show (layout-only changes left out on request) and each side's marks. */
  #shownFor(records: readonly ChangeRecord[]): Shown {
    const s = this.#shown;
    if (s && s.records === records && s.hideMoves === this.hideMoves) return s;
    const list = this.hideMoves ? records.filter((r) => !isLayoutOnly(r)) : [...records];
    this.#shown = {
      records,
      hideMoves: this.hideMoves,
      list,
      from: highlightsFor(list, "from"),
      to: highlightsFor(list, "to"),
    };
    return this.#shown;
  }

  override render() {
    const versions = this.#versions;
    if (versions.error) {
      return html`<procedo-problem .error=${versions.error} @retry=${() =>
        versions.reload()}></procedo-problem>`;
    }
    if (!versions.value) {
      return html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    }
    if (!this.pair) {
      return html`<p class="muted" data-testid="diff-nothing">${
        t(this.canReadDraft ? "diff.nothing" : "diff.nothingReader")
      }</p>`;
    }
    return html`
      ${diffControls({
        versions: versions.value,
        pair: this.pair,
        canReadDraft: this.canReadDraft,
        sync: this.sync,
        hideMoves: this.hideMoves,
        onPair: (pair) => this.#setPair(pair, true),
        onSync: (on) => (this.sync = on),
        onHideMoves: (on) => (this.hideMoves = on),
      })}
      ${diffLegend()}
      ${this.#body(this.pair)}
    `;
  }

  #body(pair: Pair) {
    if (pair.from === pair.to) {
      return html`<p class="muted" data-testid="diff-same">${t("diff.same")}</p>`;
    }
    const c = this.#comparison;
    if (c.error) {
      return html`<procedo-problem .error=${c.error} @retry=${() => c.reload()}></procedo-problem>`;
    }
    const value = c.value;
    if (!value || value.pair !== pair) {
      return html`<fluent-spinner aria-label=${t("app.loading")}></fluent-spinner>`;
    }
    const shown = this.#shownFor(value.records);
    const list = shown.list;
    const counts = countKinds(list);
    const context = { base: value.base, graph: value.graph, names: this.names };
    const selectedRecord = this.selected
      ? list.find((r) => refKey(r) === refKey(this.selected!))
      : undefined;
    return html`
      <button class="skip" type="button" data-testid="diff-skip" @click=${this.#toList}>${t(
        "diff.skipToList",
      )}</button>
      <div class="sides">
        ${this.#pane("from", value.base, value.frame, shown.from)}
        ${this.#pane("to", value.graph, value.frame, shown.to)}
      </div>
      <section class="changes" aria-labelledby="changes-heading">
        <h2 id="changes-heading" tabindex="-1">${t("diff.changes")}</h2>
        <p class="summary" data-testid="diff-summary">${this.hideMoves &&
            list.length !== value.records.length
          ? t("diff.summaryFiltered", { shown: list.length, count: value.records.length })
          : t("diff.summary", { count: list.length, ...counts })}</p>
        <div class="visually-hidden" role="status">${selectedRecord
          ? t("diff.showing", {
            kind: t(`diff.kind.${selectedRecord.kind}`),
            element: elementName(selectedRecord, value.base, value.graph),
            label: selectedRecord.label,
          })
          : nothing}</div>
        ${list.length
          ? changeList(list, {
            context,
            selected: this.selected,
            onSelect: (ref) => this.#select(ref, "list"),
          })
          : html`<p class="muted" data-testid="diff-none">${t("diff.none")}</p>`}
      </section>
    `;
  }

  #pane(side: "from" | "to", graph: Graph, frame: Box | undefined, highlights: Highlights) {
    const name = this.#sideName(side);
    const selected = this.selected;
    const missing = selected && !graphHas(graph, selected);
    const record = missing
      ? this.#comparison.value?.records.find((r) => refKey(r) === refKey(selected))
      : undefined;
    return html`
      <procedo-diff-pane
        data-side=${side}
        name=${name}
        .graph=${graph}
        .highlights=${highlights}
        .selected=${missing ? null : selected}
        .frame=${this.sync ? frame : undefined}
        style=${frame
          ? `aspect-ratio: ${Math.round(frame.width)} / ${Math.round(frame.height)}`
          : ""}
        .names=${this.names}
        @view-change=${(e: CustomEvent<View>) => this.#follow(side, e.detail)}
        @element-select=${(e: CustomEvent<ElementRef>) => this.#select(e.detail, "diagram")}
      >${record
        ? html`<p slot="note" class="not-here" data-testid="not-here">${kindBadge(record.kind)} ${
          t(
            "diff.notHere",
            { label: record.label, name },
          )
        }</p>`
        : nothing}</procedo-diff-pane>
    `;
  }

  /** Past the diagrams (every step is a tab stop there) to the list, their accessible twin. */
  #toList = () => {
    this.renderRoot.querySelector<HTMLElement>("#changes-heading")?.focus();
  };

  #sideName(side: "from" | "to"): string {
    const ref = this.pair![side];
    return ref === "draft" ? t("diff.draft") : t("diff.version", { number: ref });
  }

  #paneOf(side: "from" | "to"): ProcedoDiffPane | null {
    return this.renderRoot.querySelector(`procedo-diff-pane[data-side="${side}"]`);
  }

  /** Synchronised views: the other side takes the view a person gave this one. */
  #follow(side: "from" | "to", view: View) {
    if (!this.sync) return;
    this.#paneOf(side === "from" ? "to" : "from")?.setView(view);
  }

  async #select(ref: ElementRef, origin: "list" | "diagram") {
    this.selected = ref;
    await this.updateComplete;
    const panes = [this.#paneOf("to"), this.#paneOf("from")];
    // In sync, one side reveals and the other follows; otherwise each side reveals its own.
    for (const pane of panes) if (pane?.reveal(ref) && this.sync) break;
    if (origin === "diagram") {
      this.renderRoot.querySelector(`li[data-change="${CSS.escape(refKey(ref))}"]`)
        ?.scrollIntoView({ block: "nearest" });
    }
  }
}

customElements.define("procedo-version-diff", ProcedoVersionDiff);

declare global {
  interface HTMLElementTagNameMap {
    "procedo-version-diff": ProcedoVersionDiff;
  }
}
