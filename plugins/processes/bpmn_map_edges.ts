// Sequence flows (with name, condition and whether they are their source's default flow) and
// the associations of text annotations become edges, in the process and inside embedded
// subprocesses. A flow whose end was not imported is reported with that end.
import type { ModdleElement } from "./bpmn_export.ts";
import { type EdgeWithEl, type ImportContext, list, str, tagOf } from "./bpmn_context.ts";
import type { ElementIds } from "./bpmn_ids.ts";
import type { MappedNodes } from "./bpmn_map_nodes.ts";

export function mapEdges(
  ctx: ImportContext,
  mapped: MappedNodes,
  collaboration: ModdleElement | undefined,
  ids: ElementIds,
): EdgeWithEl[] {
  const { nodeOfEl } = mapped;
  const edges: EdgeWithEl[] = [];
  const elements = [
    ...mapped.containers.flatMap((c) => [...list(c.flowElements), ...list(c.artifacts)]),
    ...list(collaboration?.artifacts),
  ];
  for (const el of elements) {
    if (el.$type !== "bpmn:SequenceFlow" && el.$type !== "bpmn:Association") continue;
    const source = el.sourceRef as ModdleElement | undefined;
    const target = el.targetRef as ModdleElement | undefined;
    const from = source && nodeOfEl.get(source);
    const to = target && nodeOfEl.get(target);
    if (!from || !to) {
      const missing = [source, target].filter((e) => !e || !nodeOfEl.has(e));
      ctx.reasons.set(
        el,
        `connects ${
          missing.map((m) => m ? `<${tagOf(m)}> ${m.id ?? ""}`.trim() : "nothing").join(" and ")
        }, which is not imported`,
      );
      continue;
    }
    const association = el.$type === "bpmn:Association";
    if (!association && (from.parentId ?? null) !== (to.parentId ?? null)) {
      ctx.reasons.set(el, "connects steps inside and outside a subprocess, which BPMN forbids");
      continue;
    }
    const ext = ctx.extension(el, "procedo:Edge");
    const edge: EdgeWithEl = {
      el,
      id: ids.edges.take(str(ext?.key) ?? str(el.id), el),
      from: from.id,
      to: to.id,
      label: "",
      condition: null,
      waypoints: [],
    };
    const extCondition = str(ext?.condition);
    if (el.$type === "bpmn:SequenceFlow") {
      edge.label = ctx.limitText(str(el.name) ?? "", el, "label");
      const expr = el.conditionExpression as ModdleElement | undefined;
      if (expr) {
        ctx.consumed.add(expr);
        edge.condition = ctx.limitText(extCondition ?? str(expr.body) ?? "", el, "condition");
      } else if (extCondition !== undefined) {
        edge.condition = extCondition;
      }
      // The gateway (or step) names its default flow; only ours can carry the marker.
      if (source.default === el) {
        if (from.type === "xor" || from.type === "task" || from.type === "subprocess") {
          edge.isDefault = true;
        } else {
          ctx.warn(
            "default-flow-dropped",
            `${from.id} is a ${from.type === "and" ? "parallel gateway" : from.type}, ` +
              `which has no default flow here; ${edge.id} became an ordinary flow.`,
            el,
          );
        }
      }
    } else {
      edge.label = ctx.limitText(str(ext?.label) ?? "", el, "label");
      if (extCondition !== undefined) edge.condition = extCondition;
    }
    edges.push(edge);
    ctx.consumed.add(el);
  }
  return edges;
}
