// Lanes: the innermost lanes of the process's lane sets become our lanes, top to bottom as
// drawn; the names of the lanes they are nested in are kept as `parent` (joined with " / "
// when nested deeper), so the export can nest them again. A process without lanes gets one,
// named after its pool.
import type { ModdleElement } from "./bpmn_export.ts";
import { type ImportContext, list, str } from "./bpmn_context.ts";
import { type ElementIds, UUID } from "./bpmn_ids.ts";
import { bounds, clampSize, DEFAULT_LANE_SIZE } from "./bpmn_geometry.ts";
import { type Lane, LANE_NAME_LENGTH } from "./graph_schema.ts";

export interface MappedLanes {
  lanes: Lane[];
  /** The BPMN lanes, in the order of `lanes`. */
  laneEls: ModdleElement[];
  /** Every lane element, parents included (for the diagram's origin). */
  allLaneEls: ModdleElement[];
  /** Lane id of each flow node its lane lists. */
  laneOfEl: Map<ModdleElement, string>;
  /** Every lane shape has bounds in the file. */
  lanesHaveDi: boolean;
  /** The single lane was made up because the process had none. */
  synthetic: boolean;
}

export function mapLanes(
  ctx: ImportContext,
  process: ModdleElement | undefined,
  participant: ModdleElement | undefined,
  horizontal: boolean,
  ids: ElementIds,
): MappedLanes {
  const leaves: { el: ModdleElement; parents: string[] }[] = [];
  const allLaneEls: ModdleElement[] = [];
  const walk = (set: ModdleElement | undefined, parents: string[]) => {
    if (!set) return;
    ctx.consumed.add(set);
    for (const lane of list(set.lanes)) {
      ctx.consumed.add(lane);
      allLaneEls.push(lane);
      const child = lane.childLaneSet as ModdleElement | undefined;
      if (child && list(child.lanes).length) {
        const name = (str(lane.name) ?? "").trim() || str(lane.id) || "Lane";
        walk(child, [...parents, name]);
      } else {
        leaves.push({ el: lane, parents });
        if (child) ctx.consumed.add(child);
      }
    }
  };
  for (const set of list(process?.laneSets)) walk(set, []);
  if (list(process?.laneSets).length > 1) {
    ctx.warn("lane-sets-merged", "The lanes of several lane sets were merged into one.");
  }
  if (leaves.some((l) => l.parents.length > 1)) {
    ctx.warn(
      "nested-lanes-joined",
      "Lanes were nested more than two levels deep: each innermost lane became a lane, " +
        'the names of the lanes around it were joined with " / ".',
    );
  }

  const shapes = leaves.map((l) => ctx.shapes.get(l.el));
  const lanesHaveDi = leaves.length > 0 && shapes.every((s) => s?.bounds);
  if (lanesHaveDi && horizontal) {
    const order = leaves.map((leaf, i) => ({ leaf, i, y: bounds(shapes[i]!).y }));
    order.sort((a, b) => a.y - b.y || a.i - b.i);
    leaves.splice(0, leaves.length, ...order.map((o) => o.leaf));
  }

  const lanes: Lane[] = [];
  const laneOfEl = new Map<ModdleElement, string>();
  for (const [i, { el, parents }] of leaves.entries()) {
    const ext = ctx.extension(el, "procedo:Lane");
    const id = ids.lanes.take(str(ext?.key) ?? str(el.id), el);
    let name = (str(el.name) ?? "").trim();
    if (!name) name = `Lane ${i + 1}`;
    if (name.length > LANE_NAME_LENGTH) {
      ctx.warn("name-truncated", `The name of lane ${id} was cut to 200 characters.`, el);
      name = name.slice(0, LANE_NAME_LENGTH).trim();
    }
    const shape = ctx.shapes.get(el);
    const lane: Lane = {
      id,
      name,
      positionId: uuidAttr(ctx, ext, "positionId", el),
      orgUnitId: uuidAttr(ctx, ext, "orgUnitId", el),
      size: shape?.bounds && horizontal
        ? clampSize(bounds(shape).height, DEFAULT_LANE_SIZE)
        : DEFAULT_LANE_SIZE,
    };
    if (parents.length) lane.parent = parents.join(" / ").slice(0, LANE_NAME_LENGTH).trim();
    lanes.push(lane);
    for (const ref of list(el.flowNodeRef)) laneOfEl.set(ref, id);
  }

  // A process without lanes gets one, unless it is our own export of a lane-less graph.
  let synthetic = false;
  if (!lanes.length && !ctx.ownExport) {
    synthetic = true;
    const name = (str(participant?.name) ?? str(process?.name) ?? "").trim()
      .slice(0, LANE_NAME_LENGTH) || "Lane 1";
    lanes.push({ id: "lane_1", name, positionId: null, orgUnitId: null, size: 0 });
  }
  return {
    lanes,
    laneEls: leaves.map((l) => l.el),
    allLaneEls,
    laneOfEl,
    lanesHaveDi,
    synthetic,
  };
}

function uuidAttr(
  ctx: ImportContext,
  ext: ModdleElement | undefined,
  name: string,
  el: ModdleElement,
): string | null {
  const v = str(ext?.[name]);
  if (v === undefined || v === "") return null;
  if (UUID.test(v)) return v.toLowerCase();
  ctx.warn("invalid-extension", `Ignored the ${name} "${v}" of lane ${el.id}.`, el);
  return null;
}
