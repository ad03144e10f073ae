// Other people in a live draft, drawn over the diagram in their colour: an outline around
// what each has selected (steps, flows, lane headers) and their pointer with their name. Drawn
// in diagram units, so they move with the view; the pointer keeps its size at any zoom. The
// canvas reports my own pointer (canvas-pointer, in diagram units, at most once a frame) for
// the editor to share.
import { nothing, svg } from "lit";
import { edgePath, type Graph, laneBands } from "../../editor/mod.ts";
import { strokeOf } from "../presence/colours.ts";
import type { Derived } from "./derived.ts";
import { emit } from "./canvas_events.ts";

/** What the canvas needs of a person in the room. */
export interface PeerView {
  clientId: number;
  user: { name: string; colour: number };
  pointer: { x: number; y: number } | null;
  selection: readonly string[];
}

const PAD = 6;

function selectionOf(p: PeerView, g: Graph, d: Derived, laneWidth: number) {
  const stroke = strokeOf(p.user.colour);
  const ids = new Set(p.selection);
  const out = [];
  for (const id of ids) {
    const n = d.byId.get(id);
    if (n) {
      out.push(svg`
        <rect x=${n.x - PAD} y=${n.y - PAD} width=${n.width + 2 * PAD}
          height=${n.height + 2 * PAD} rx="6" fill="none" style="stroke: ${stroke}" stroke-width="2"
          stroke-dasharray="6 3"></rect>
      `);
    }
  }
  for (const e of g.edges) {
    if (!ids.has(e.id)) continue;
    const points = edgePath(g, e);
    if (points.length < 2) continue;
    out.push(svg`
      <polyline points=${points.map((q) => `${q.x},${q.y}`).join(" ")} fill="none"
        style="stroke: ${stroke}" stroke-width="6" stroke-opacity="0.35"></polyline>
    `);
  }
  for (const band of laneBands(g.lanes)) {
    if (!ids.has(band.lane.id)) continue;
    out.push(svg`
      <rect x="0" y=${band.top} width=${laneWidth} height=${band.bottom - band.top}
        fill="none" style="stroke: ${stroke}" stroke-width="3"></rect>
    `);
  }
  return out;
}

function pointerOf(p: PeerView, scale: number) {
  if (!p.pointer) return nothing;
  const fill = strokeOf(p.user.colour);
  return svg`
    <g class="peer-pointer" transform="translate(${p.pointer.x} ${p.pointer.y}) scale(${1 / scale})"
      data-peer-pointer=${p.clientId}>
      <path d="M0 0L0 16L4.5 12L8 19L10.5 18L7 11L13 11Z"
        style="fill: ${fill}; stroke: var(--colorNeutralBackground1)" stroke-width="1"></path>
      <g transform="translate(12 20)">
        <rect class="peer-tag" height="18" width=${8 + 7 * Math.min(p.user.name.length, 24)}
          rx="4" style="fill: ${fill}"></rect>
        <text x="4" y="13" font-size="11"
          style="fill: var(--colorNeutralForegroundOnBrand)">${[
            ...p.user.name,
          ].slice(0, 24).join("")}</text>
      </g>
    </g>
  `;
}

/** The peers' selections and pointers (nothing when alone). */
export function peersLayer(
  peers: readonly PeerView[] | undefined,
  d: Derived,
  scale: number,
) {
  if (!peers?.length) return nothing;
  return svg`<g class="peers" aria-hidden="true" pointer-events="none">
    ${peers.map((p) => selectionOf(p, d.graph, d, d.width))}
    ${peers.map((p) => pointerOf(p, scale))}
  </g>`;
}

/** Reports the pointer in diagram units, at most once per frame (null when it leaves). */
export class PointerReporter {
  #frame = 0;
  #next: { x: number; y: number } | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly toDiagram: (x: number, y: number) => { x: number; y: number },
  ) {}

  onMove = (e: PointerEvent) => {
    const p = this.toDiagram(e.clientX, e.clientY);
    this.#next = { x: Math.round(p.x), y: Math.round(p.y) };
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      emit(this.host, "canvas-pointer", this.#next);
    });
  };

  onLeave = () => {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    emit(this.host, "canvas-pointer", null);
  };
}
