// What the editor hands the canvas besides the stack, computed only when its inputs change:
// findings as one marker per element, and the names of the lanes' positions and units. The
// canvas redraws what a new value touches, so handing it an equal but new value on every
// keystroke in the properties panel would redraw the lanes and markers each time.
import type { Lane } from "../../editor/mod.ts";
import type { ValidationFinding } from "./editor_api.ts";
import type { NameCache } from "./picker_sources.ts";
import { type CanvasFinding, canvasFindings } from "./validation.ts";

export class CanvasInputs {
  readonly #names: NameCache;
  #version = 0;
  #labels?: { lanes: readonly Lane[]; version: number; value: ReadonlyMap<string, string> };
  #markers?: { findings: readonly ValidationFinding[]; value: CanvasFinding[] };

  constructor(names: NameCache) {
    this.#names = names;
    names.onChange(() => this.#version++);
  }

  /** Names of the positions and units the lanes are bound to (fetched when unknown). */
  laneLabels(lanes: readonly Lane[]): ReadonlyMap<string, string> {
    const memo = this.#labels;
    if (memo && memo.lanes === lanes && memo.version === this.#version) return memo.value;
    const positions = lanes.map((l) => l.positionId).filter((x): x is string => !!x);
    const units = lanes.map((l) => l.orgUnitId).filter((x): x is string => !!x);
    void this.#names.want("positions", positions);
    void this.#names.want("units", units);
    const value = this.#names.known([...positions, ...units]);
    this.#labels = { lanes, version: this.#version, value };
    return value;
  }

  markers(findings: readonly ValidationFinding[]): CanvasFinding[] {
    if (this.#markers?.findings !== findings) {
      this.#markers = { findings, value: canvasFindings(findings) };
    }
    return this.#markers.value;
  }
}
