// The lists the installed plugins offer through the contract's `exporters`, and whether a
// list holds personal data: it does when one of its columns comes from a column that some
// plugin's `personalData` marks (derived, never declared by hand).
import { isListExporter, type ListExporter, type ProcedoPlugin } from "../../../api/plugin.ts";

export interface RegisteredList {
  list: ListExporter;
  /** The plugin offering it. */
  owner: string;
  /** Its columns holding personal data, as "table.column" (empty: none). */
  personal: string[];
}

export function registeredLists(plugins: readonly ProcedoPlugin[]): Map<string, RegisteredList> {
  const personalColumns = new Set<string>();
  for (const p of plugins) {
    for (const [table, columns] of Object.entries(p.personalData ?? {})) {
      for (const c of columns) personalColumns.add(`${table}.${c}`);
    }
  }
  const out = new Map<string, RegisteredList>();
  for (const p of plugins) {
    for (const e of p.exporters ?? []) {
      if (!isListExporter(e)) continue;
      const personal = e.columns.flatMap((c) =>
        c.source && personalColumns.has(c.source) ? [c.source] : []
      );
      out.set(e.name, { list: e, owner: p.name, personal: [...new Set(personal)] });
    }
  }
  return out;
}
