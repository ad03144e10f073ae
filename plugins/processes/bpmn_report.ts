// The import report's second half: what the parser skipped (unknown elements, illegal ids,
// unresolved references) and, after the mapping, a walk over the whole document that names
// every element that was not taken over (once, with what it contains) and every vendor
// extension of an element that was. Nothing leaves the file without a line in the report.
import type { ModdleElement, ModdleWarning } from "./bpmn_export.ts";
import { type ImportContext, list, str, tagOf } from "./bpmn_context.ts";

const isDi = (el: ModdleElement) => /^(bpmndi|dc|di):/.test(el.$type);

/** Warnings of the parser: unknown elements it skipped, references it could not resolve. */
export function reportParserWarnings(ctx: ImportContext, warnings: ModdleWarning[]) {
  for (const w of warnings) {
    const pos = w.message.match(/line: (\d+)\s+column: (\d+)/);
    const at = pos ? { line: Number(pos[1]) + 1, column: Number(pos[2]) + 1 } : {};
    const nested = w.message.match(/nested error: (.*)$/m)?.[1] ?? w.message;
    if (/unsupported document encoding/.test(w.message)) continue; // decoded before parsing
    const skipped = w.message.match(/^unparsable content <([^\s>]+)/)?.[1];
    if (skipped) {
      // The parser skipped this element (and what it contains): report it.
      const illegalId = nested.match(/^illegal ID <(.*)>$/)?.[1];
      ctx.report.unsupported.push({
        element: skipped,
        ...(illegalId ? { id: illegalId } : {}),
        ...at,
        reason: illegalId
          ? "its id is not one BPMN tools accept (ASCII letters, digits, _ . -), so it " +
            "cannot be read"
          : /^(unrecognized element|unknown type)/.test(nested)
          ? `not a known BPMN 2.0 element here (${nested})`
          : nested,
      });
    } else if (/^unresolved reference/.test(w.message)) {
      const ref = str(w.value);
      ctx.report.warnings.push({
        code: "unresolved-reference",
        message: `${
          w.element?.id ?? tagOf(w.element!)
        } refers to "${ref}", which is not in the file.`,
        ...(w.element?.id ? { id: str(w.element.id) } : {}),
      });
    } else {
      ctx.report.warnings.push({ code: "parser", message: nested, ...at });
    }
  }
}

/** Element types whose own vendor attributes are worth a warning when they are imported. */
const ATTRIBUTE_OWNERS =
  /^bpmn:(.*Task|.*Event|.*Gateway|.*SubProcess|Transaction|CallActivity|TextAnnotation|SequenceFlow|Association|Lane)$/;

/**
 * Walks the whole document: every element that was not imported is reported (once, with
 * what it contains), vendor extensions of imported elements become one warning each.
 */
export function reportLeftovers(ctx: ImportContext) {
  const vendor = new Map<ModdleElement, Set<string>>();
  const note = (el: ModdleElement, names: string[]) => {
    const set = vendor.get(el) ?? new Set();
    for (const n of names) set.add(n);
    vendor.set(el, set);
  };
  const visit = (el: ModdleElement, parent: ModdleElement | undefined) => {
    if (isDi(el)) return;
    if (!ctx.consumed.has(el)) {
      if (el.$type === "bpmn:ExtensionElements") {
        // Vendor extensions of something imported; the rest belongs to something reported.
        if (parent && ctx.consumed.has(parent)) {
          const names = list(el.values).filter((v) => !ctx.consumed.has(v)).map((v) => v.$type);
          if (names.length) note(parent, names);
        }
        return;
      }
      const inner = countInner(el);
      const reason = ctx.reasons.get(el) ?? defaultReason(el, parent);
      ctx.report.unsupported.push({
        ...ctx.item(el),
        reason: inner ? `${reason} (with ${inner} inner element${inner > 1 ? "s" : ""})` : reason,
      });
      return;
    }
    for (const child of children(el)) visit(child, el);
    if (el !== ctx.definitions && parent && ATTRIBUTE_OWNERS.test(el.$type)) {
      const names = Object.keys(el.$attrs ?? {}).filter((k) => !k.startsWith("xmlns"));
      if (names.length) note(el, names);
    }
  };
  visit(ctx.definitions, undefined);
  for (const [el, names] of vendor) {
    ctx.warn(
      "extension-ignored",
      `Vendor extensions of <${tagOf(el)}>${el.id ? ` ${el.id}` : ""} are not imported: ${
        [...names].join(", ")
      }.`,
      el,
    );
  }
}

function defaultReason(el: ModdleElement, parent: ModdleElement | undefined): string {
  const t = el.$type;
  const on = parent?.id ? ` (on ${parent.id})` : "";
  if (t === "bpmn:BoundaryEvent") return "boundary events are not modeled";
  if (t === "bpmn:MessageFlow") return "message flows between pools are not modeled";
  if (/Data(Object|Store)/.test(t)) return "data objects and stores are not modeled";
  if (/Data(Input|Output)Association/.test(t)) return "data associations are not modeled";
  if (/EventDefinition$/.test(t)) return `event triggers and results are not modeled${on}`;
  if (/LoopCharacteristics$/.test(t)) {
    return `loops and multi-instance markers are not modeled${on}`;
  }
  if (t === "bpmn:Documentation") {
    return `documentation is kept only on steps${parent?.id ? ` (this is on ${parent.id})` : ""}`;
  }
  if (t === "bpmn:Group") return "groups are not modeled";
  if (t === "bpmn:Category") return "categories (the labels of groups) are not modeled";
  if (/^bpmn:(Message|Signal|Error|Escalation)$/.test(t)) {
    return "message, signal, error and escalation definitions are not modeled";
  }
  if (t === "bpmn:Property" || t === "bpmn:IoSpecification") {
    return `data properties are not modeled${on}`;
  }
  if (parent && parent.$type !== "bpmn:Definitions" && parent.$type !== "bpmn:Process") {
    return `not modeled (inside <${tagOf(parent)}>${parent.id ? ` ${parent.id}` : ""})`;
  }
  return "not modeled";
}

/** The contained elements (not references, not attributes) of a moddle element. */
function children(el: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (const p of el.$descriptor?.properties ?? []) {
    if (p.isReference || p.isAttr || p.isBody) continue;
    const v = el[p.name]; // not get(): that creates empty lists on every element
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === "object" && "$type" in c) out.push(c);
    } else if (v && typeof v === "object" && "$type" in (v as object)) {
      out.push(v as ModdleElement);
    }
  }
  for (const c of el.$children ?? []) out.push(c);
  return out;
}

function countInner(el: ModdleElement): number {
  let n = 0;
  for (const c of children(el)) {
    if (isDi(c) || c.$type === "bpmn:ExtensionElements" || c.$type === "bpmn:Documentation") {
      continue;
    }
    if (c.id) n++;
    n += countInner(c);
  }
  return n;
}
