// Live validation, as a reactive controller: half a second after the last change the current
// graph (saved or not) goes to POST /api/v1/processes/validate, and the findings come back
// for the panel and the canvas. A newer change cancels the request still under way, so the
// findings always belong to the graph on screen or to the one just before it.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { CommandStack, Graph } from "../../editor/mod.ts";
import type { ProcedoClient } from "../../lib/api/client.ts";
import { hasMessage, t } from "../../lib/i18n.ts";
import { validateGraph, type ValidationFinding } from "./editor_api.ts";

/** A finding as the canvas marks it: one element each (see editor_canvas/findings.ts). */
export interface CanvasFinding {
  code: string;
  severity: "error" | "warning";
  message: string;
  nodeId?: string;
  edgeId?: string;
  laneId?: string;
}

/** The finding's text in the person's language (by its stable code), else the server's. */
export function findingMessage(f: Pick<ValidationFinding, "code" | "message">): string {
  const key = `editor.finding.${f.code}`;
  return hasMessage(key) ? t(key) : f.message;
}

/** One canvas finding per element a finding names (none for findings about the process). */
export function canvasFindings(
  findings: readonly ValidationFinding[],
  message: (f: ValidationFinding) => string = findingMessage,
): CanvasFinding[] {
  const out: CanvasFinding[] = [];
  for (const f of findings) {
    const common = { code: f.code, severity: f.severity, message: message(f) };
    for (const nodeId of f.nodeIds) out.push({ ...common, nodeId });
    for (const edgeId of f.edgeIds) out.push({ ...common, edgeId });
    for (const laneId of f.laneIds) out.push({ ...common, laneId });
  }
  return out;
}

export class ValidationController implements ReactiveController {
  findings: ValidationFinding[] = [];
  counts = { errors: 0, warnings: 0 };
  checking = false;
  /** The last check failed (offline, server error); the old findings stay shown. */
  failed = false;
  /** The graph the findings belong to. */
  checked: Graph | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #api: ProcedoClient;
  readonly #delayMs: number;
  #stack: CommandStack | null = null;
  #off?: () => void;
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost, api: ProcedoClient, delayMs = 500) {
    this.#host = host;
    this.#api = api;
    this.#delayMs = delayMs;
    host.addController(this);
  }

  hostDisconnected() {
    this.detach();
  }

  /** Validates `stack`'s graph now and after every change. */
  attach(stack: CommandStack) {
    this.detach();
    this.#stack = stack;
    this.#off = stack.onChange((e) => {
      if (e.kind !== "saved") this.schedule();
    });
    // After the graph's first frame is out: sending a large graph (and drawing its markers)
    // would otherwise hold up the first paint of the editor.
    clearTimeout(this.#timer);
    requestAnimationFrame(() => {
      if (this.#stack === stack) this.#timer = setTimeout(() => void this.check(), 0);
    });
  }

  detach() {
    this.#off?.();
    this.#off = undefined;
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#stack = null;
  }

  schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.check(), this.#delayMs);
  }

  async check(): Promise<void> {
    const graph = this.#stack?.graph;
    if (!graph || graph === this.checked) return;
    clearTimeout(this.#timer);
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.checking = true;
    this.#host.requestUpdate();
    try {
      const result = await validateGraph(this.#api, graph, abort.signal);
      if (abort.signal.aborted) return;
      this.findings = result.findings;
      this.counts = result.counts;
      this.checked = graph;
      this.failed = false;
    } catch {
      if (!abort.signal.aborted) this.failed = true;
    } finally {
      if (!abort.signal.aborted) {
        this.checking = false;
        this.#host.requestUpdate();
      }
    }
  }
}
