// Which process of the file becomes the model. A collaboration may hold several pools: the
// person chooses one (ImportOptions.pool, a participant id); without a choice the first pool
// with content is taken, and the report lists every pool so the editor can offer the others.
// Message flows connect pools; our model is one pool, so each is named in the report with
// the steps it connected.
import { ProblemError } from "../../api/problem.ts";
import type { ModdleElement } from "./bpmn_export.ts";
import { type ImportContext, type ImportOptions, list, str, tagOf } from "./bpmn_context.ts";

export interface ChosenProcess {
  process?: ModdleElement;
  participant?: ModdleElement;
  collaboration?: ModdleElement;
}

const FLOW_NODE = /^bpmn:(.*Event|.*Task|.*Gateway|.*SubProcess|Transaction|CallActivity)$/;

const withContent = (p: ModdleElement | undefined) =>
  !!p && (list(p.flowElements).length > 0 || list(p.laneSets).length > 0);

/** The process to import, and the report's list of pools when there is a choice. */
export function chooseProcess(ctx: ImportContext, options: ImportOptions): ChosenProcess {
  const roots = list(ctx.definitions.rootElements);
  const collaborations = roots.filter((r) => r.$type === "bpmn:Collaboration");
  const processes = roots.filter((r) => r.$type === "bpmn:Process");
  const all = collaborations.flatMap((c) =>
    list(c.participants).map((participant) => ({ participant, collaboration: c }))
  );
  let picked: { participant: ModdleElement; collaboration: ModdleElement } | undefined;
  if (options.pool !== undefined) {
    picked = all.find((p) => p.participant.id === options.pool);
    if (!picked) {
      const known = all.map((p) => p.participant.id).join(", ");
      throw new ProblemError(422, "bpmn-pool", `The file has no pool "${options.pool}".`, {
        errors: [{
          field: "pool",
          message: known ? `one of ${known}` : "the file has no pools; leave pool out",
        }],
      });
    }
  }
  picked ??= all.find((p) => withContent(p.participant.processRef as ModdleElement)) ??
    all.find((p) => p.participant.processRef);
  const collaboration = picked?.collaboration ?? collaborations[0];
  const participant = picked?.participant;
  let process = participant?.processRef as ModdleElement | undefined;
  if (!participant) process = processes.find(withContent) ?? processes[0];

  const participants = collaboration ? list(collaboration.participants) : [];
  if (participants.length > 1) {
    ctx.report.pools = participants.map((p) => ({
      id: str(p.id) ?? "",
      name: str(p.name)?.trim() || str((p.processRef as ModdleElement)?.name) || str(p.id) || "",
      nodes: list((p.processRef as ModdleElement)?.flowElements)
        .filter((e) => FLOW_NODE.test(e.$type)).length,
      chosen: p === participant,
    }));
  }
  if (collaboration) {
    ctx.consumed.add(collaboration);
    if (participant) ctx.consumed.add(participant);
    for (const p of participants) {
      if (p === participant) continue;
      ctx.reasons.set(
        p,
        p.processRef
          ? `another pool: import the file again and choose "${
            str(p.name) ?? p.id
          }" to get its process`
          : "a pool without a process (a black box) is not modeled",
      );
    }
    for (const flow of list(collaboration.messageFlows)) {
      ctx.reasons.set(flow, messageFlowReason(flow, participants));
    }
  }
  for (const c of collaborations) {
    if (c !== collaboration) ctx.reasons.set(c, "only one collaboration is imported");
  }
  if (process) {
    ctx.consumed.add(process);
    for (const ext of list((process.extensionElements as ModdleElement)?.values)) {
      if (ext.$type === "procedo:Model") {
        ctx.consumed.add(ext);
        ctx.ownExport = true;
      }
    }
  }
  for (const p of processes) {
    if (p === process) continue;
    const owner = participants.find((x) => x.processRef === p);
    ctx.reasons.set(
      p,
      owner
        ? `the process of the pool "${str(owner.name) ?? owner.id}", which was not chosen`
        : "only one process is imported",
    );
  }
  if (!process) ctx.warn("no-process", "The file contains no process; the model is empty.");
  return { process, participant, collaboration };
}

/** "from Check order (pool Customer) to Pool Supplier: message flows are not modeled". */
function messageFlowReason(flow: ModdleElement, participants: ModdleElement[]): string {
  const end = (ref: ModdleElement | undefined) => {
    if (!ref) return "nothing";
    const pool = participants.includes(ref) ? ref : poolOf(ref, participants);
    const self = ref === pool ? "" : `${str(ref.name) || ref.id || tagOf(ref)} in `;
    return `${self}pool "${str(pool?.name) ?? pool?.id ?? "?"}"`;
  };
  return `a message flow from ${end(flow.sourceRef as ModdleElement)} to ${
    end(flow.targetRef as ModdleElement)
  }; message flows connect pools and a process holds one pool, so it is not imported`;
}

function poolOf(el: ModdleElement, participants: ModdleElement[]): ModdleElement | undefined {
  let at: ModdleElement | undefined = el;
  while (at && at.$type !== "bpmn:Process") at = at.$parent;
  return participants.find((p) => p.processRef === at);
}
