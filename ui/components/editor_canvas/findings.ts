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

/** Findings grouped by the element they name (a finding naming several counts for each). */
export function findingsByElement(findings: readonly Finding[]): Map<string, ElementFindings> {
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
  return new Map(
    [...grouped].map(([id, e]) => [id, { severity: e.severity, text: e.lines.join("\n") }]),
  );
}
