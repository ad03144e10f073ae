// The visual diff's command bar and legend: the two versions to compare (each a labelled
// select over the published versions, plus the draft for people who may read it), swapping
// them, synchronised zoom and pan, hiding layout-only changes; the legend names each kind
// with its outline style and glyph, so colour is never the only key.
import { html } from "lit";
import { live } from "lit/directives/live.js";
import type { Schemas } from "../../lib/api/client.ts";
import { formatDateTime, t } from "../../lib/i18n.ts";
import { GLYPHS } from "./change_list.ts";
import { type ChangeKind, type Pair, parseRef } from "./diff_model.ts";

const KINDS: ChangeKind[] = ["added", "removed", "changed"];

export interface ControlsOptions {
  versions: readonly Schemas["ProcessVersionSummary"][];
  pair: Pair;
  canReadDraft: boolean;
  sync: boolean;
  hideMoves: boolean;
  onPair(pair: Pair): void;
  onSync(on: boolean): void;
  onHideMoves(on: boolean): void;
}

export function diffControls(o: ControlsOptions) {
  const { pair } = o;
  const options = [
    ...(o.canReadDraft ? [["draft", t("diff.draftOption")]] : []),
    ...o.versions.map((v) => [
      String(v.number),
      t("diff.versionOption", { number: v.number, date: formatDateTime(v.publishedAt) }),
    ]),
  ];
  // live(): a select the person touched ignores `selected` on its options afterwards.
  const select = (side: "from" | "to", label: string) =>
    html`
      <label class="control">
        <span>${label}</span>
        <select data-testid=${`diff-${side}`} .value=${live(String(pair[side]))}
          @change=${(e: Event) => {
            const ref = parseRef((e.target as HTMLSelectElement).value);
            if (ref !== undefined) o.onPair({ ...pair, [side]: ref });
          }}>
          ${options.map(([value, text]) =>
            html`<option value=${value} ?selected=${value === String(pair[side])}>${text}</option>`
          )}
        </select>
      </label>
    `;
  const check = (testId: string, label: string, on: boolean, set: (on: boolean) => void) =>
    html`
      <label class="check">
        <input type="checkbox" data-testid=${testId} .checked=${live(on)}
          @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />
        ${label}
      </label>
    `;
  return html`
    <div class="pickers" role="group" aria-label=${t("diff.commands")}>
      ${select("from", t("diff.from"))}
      <fluent-button data-testid="diff-swap" aria-label=${t("diff.swapLabel")}
        title=${t("diff.swapLabel")}
        @click=${() => o.onPair({ from: pair.to, to: pair.from })}>${t("diff.swap")}</fluent-button>
      ${select("to", t("diff.to"))}
      ${check("diff-sync", t("diff.sync"), o.sync, o.onSync)}
      ${check("diff-hide-moves", t("diff.hideMoves"), o.hideMoves, o.onHideMoves)}
    </div>
  `;
}

export function diffLegend() {
  return html`
    <ul class="legend" aria-label=${t("diff.legend")} data-testid="diff-legend">
      ${KINDS.map((kind) =>
        html`<li>
          <svg class=${`swatch ${kind}`} width="28" height="16" aria-hidden="true">
            <rect class="outline" x="2" y="2" width="24" height="12" rx="3"></rect>
          </svg>
          <span aria-hidden="true">${GLYPHS[kind]}</span>
          ${t(`diff.legend.${kind}`)}
        </li>`
      )}
    </ul>
  `;
}
