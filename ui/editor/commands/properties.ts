// Step properties shown in the properties panel: RACI, links to resources, duration,
// description (Markdown) and the called process of a subprocess.
import { type Command, refuse } from "../command_stack.ts";
import { updateNode } from "../graph_update.ts";
import { sameValue } from "../graph_equal.ts";
import {
  GRAPH_LIMITS,
  isUuid,
  LINK_KINDS,
  type LinkKind,
  MAX_DURATION_MINUTES,
  type ProcessNode,
  RACI_ROLES,
  type RaciRole,
} from "../model.ts";

/** Distinct UUIDs, in the order given, within the per-node limit. */
function checkedIds(ids: readonly string[]): string[] {
  const distinct = [...new Set(ids)];
  for (const id of distinct) if (!isUuid(id)) refuse("invalid-value", `${id} is not a UUID.`);
  if (distinct.length > GRAPH_LIMITS.linksPerNode) {
    refuse("limit-reached", `At most ${GRAPH_LIMITS.linksPerNode} per list.`);
  }
  return distinct;
}

const emptyLists = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, [] as string[]])) as Record<K, string[]>;

/** Sets the positions holding one RACI role for a step. */
export function setRaci(nodeId: string, role: RaciRole, positionIds: readonly string[]): Command {
  return {
    label: "editor.command.setRaci",
    do(g) {
      const ids = checkedIds(positionIds);
      return updateNode(g, nodeId, (n) => {
        const raci = n.raci ?? emptyLists(RACI_ROLES);
        return sameValue(raci[role], ids) && n.raci ? n : { ...n, raci: { ...raci, [role]: ids } };
      });
    },
  };
}

/** Sets the linked documents, systems, requirements or locations of a step. */
export function setLinks(nodeId: string, kind: LinkKind, ids: readonly string[]): Command {
  return {
    label: "editor.command.setLinks",
    do(g) {
      const list = checkedIds(ids);
      return updateNode(g, nodeId, (n) => {
        const links = n.links ?? emptyLists(LINK_KINDS);
        return sameValue(links[kind], list) && n.links
          ? n
          : { ...n, links: { ...links, [kind]: list } };
      });
    },
  };
}

/** Sets the expected duration in whole minutes (null: unknown). */
export function setDuration(nodeId: string, minutes: number | null): Command {
  return {
    label: "editor.command.setDuration",
    mergeKey: `duration:${nodeId}`,
    do(g) {
      if (
        minutes !== null &&
        (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_DURATION_MINUTES)
      ) refuse("invalid-value", `A duration is 0 to ${MAX_DURATION_MINUTES} whole minutes.`);
      return updateField(g, nodeId, "durationMinutes", minutes);
    },
  };
}

/** Sets the Markdown description; typing merges into one undo step. */
export function setDescription(nodeId: string, markdown: string): Command {
  return {
    label: "editor.command.setDescription",
    mergeKey: `description:${nodeId}`,
    do(g) {
      if (markdown.length > GRAPH_LIMITS.descriptionLength) {
        refuse(
          "too-long",
          `A description has at most ${GRAPH_LIMITS.descriptionLength} characters.`,
        );
      }
      return updateField(g, nodeId, "description", markdown);
    },
  };
}

/** Sets the process a subprocess calls (null: none yet). */
export function setSubprocess(nodeId: string, processId: string | null): Command {
  return {
    label: "editor.command.setSubprocess",
    do(g) {
      if (processId !== null && !isUuid(processId)) {
        refuse("invalid-value", `${processId} is not a UUID.`);
      }
      return updateField(g, nodeId, "processId", processId);
    },
  };
}

function updateField<K extends "durationMinutes" | "description" | "processId">(
  g: Parameters<typeof updateNode>[0],
  nodeId: string,
  key: K,
  value: ProcessNode[K],
) {
  // Absent counts as empty, so clearing a field that was never set is no change.
  const empty = key === "description" ? "" : null;
  return updateNode(
    g,
    nodeId,
    (n) => (n[key] ?? empty) === (value ?? empty) ? n : { ...n, [key]: value },
  );
}
