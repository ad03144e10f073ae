// Validation findings on the canvas: which elements carry one, the worst severity per
// element (the marker's colour) and the messages (the marker's tooltip and the element's
// aria-description).
export interface Finding {
  code: string;
  severity: "error" | "warning" | "info" | string;
  message: string;
  nodeId?: string | null;
  edgeId?: string | null;
  laneId?: string | null;
}

export interface ElementFindings {
  severity: "error" | "warning" | "info";
  /** The messages, one per line. */
  text: string;
}

const RANK: Record<string, number> = { info: 0, warning: 1, error: 2 };

/**
 * Findings grouped by the element they name (a finding naming several counts for each).
 * Entries equal to those of `previous` are that same object, and an equal result is
 * `previous` itself, so markers that did not change re-render nothing.
 */
export function findingsByElement(
  findings: readonly Finding[],
  previous?: ReadonlyMap<string, ElementFindings>,
): ReadonlyMap<string, ElementFindings> {
  const grouped = new Map<string, { severity: ElementFindings["severity"]; lines: string[] }>();
  for (const f of findings) {
    const severity = f.severity === "error" || f.severity === "warning" ? f.severity : "info";
    for (const id of [f.nodeId, f.edgeId, f.laneId]) {
      if (!id) continue;
      const entry = grouped.get(id);
      if (!entry) grouped.set(id, { severity, lines: [f.message] });
      else {
        if (!entry.lines.includes(f.message)) entry.lines.push(f.message);
        if (RANK[severity] > RANK[entry.severity]) entry.severity = severity;
      }
    }
  }
  const result = new Map<string, ElementFindings>();
  let same = previous?.size === grouped.size;
  for (const [id, e] of grouped) {
    const text = e.lines.join("\n");
    const known = previous?.get(id);
    const reused = known && known.severity === e.severity && known.text === text;
    if (!reused) same = false;
    result.set(id, reused ? known : { severity: e.severity, text });
  }
  return same && previous ? previous : result;
}
