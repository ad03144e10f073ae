// Importing positions into a chart from CSV or XLSX (the format is documented in
// docs/import.md). Rows are matched on their external key: a known key updates that
// position, a new one creates it. Units are named by path ("Management > Sales"); missing
// units on the path are created. Reports-to lines name the manager's external key, in the
// file or already in the chart; lines that would form a cycle are refused per row.
import { eq } from "drizzle-orm";
import { UUID_PATTERN, uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import type { ColumnSpec, Table, TableRow } from "../../api/tabular/mod.ts";
import { bounded, firstRowByKey } from "../../api/tabular/report.ts";
import { updateRows } from "../../api/tabular/update_rows.ts";
import { bumped, CHART_LIMITS, chartFull, compareText } from "./common.ts";
import {
  batches,
  flag,
  importIntoChart,
  type ImportOptions,
  type ImportReport,
  keyedLine,
  type Pace,
  type RowState,
} from "./import_common.ts";
import { orgUnits, type PositionRow, positions } from "./schema.ts";
import { insertUnit } from "./unit_service.ts";

export type PositionField = "externalKey" | "title" | "unit" | "reportsTo";

/** The columns of a positions file; header texts are matched ignoring case and punctuation. */
export const POSITION_COLUMNS: ColumnSpec<PositionField>[] = [
  {
    field: "externalKey",
    required: true,
    aliases: ["key", "position key", "position id", "Stellen-ID", "Stellennummer", "Schlüssel"],
  },
  {
    field: "title",
    aliases: ["position", "job title", "name", "Titel", "Bezeichnung", "Stelle"],
  },
  {
    field: "unit",
    aliases: ["org unit", "unit path", "department", "Organisationseinheit", "Abteilung"],
  },
  {
    field: "reportsTo",
    aliases: ["reports to key", "manager", "manager key", "supervisor", "berichtet an"],
  },
];

/** Separates the units of a path: "Management > Sales > Key accounts". */
export const UNIT_PATH_SEPARATOR = ">";
const MAX_UNIT_DEPTH = 20;

interface PositionLine extends RowState {
  key: string;
  title?: string;
  unitPath?: string[];
  unitId?: string;
  /** null: reports to nobody; undefined: column absent (keep the current line). */
  reportsTo?: string | null;
}

/** Reads and imports positions into chart `chartId` (404 when there is no such chart). */
export async function importPositions(
  scope: TenantScope,
  chartId: string,
  table: Table<PositionField>,
  opts: ImportOptions,
): Promise<ImportReport> {
  return await importIntoChart(scope, chartId, "positions", table, opts, {
    read: readLine,
    plan: planImport,
  });
}

function readLine(r: TableRow<PositionField>): PositionLine {
  const line: PositionLine = keyedLine(r, "position");
  const v = r.values;
  if (v.title) line.title = bounded(line, "title", v.title, 200);
  if (v.unit) {
    if (UUID_PATTERN.test(v.unit)) line.unitId = v.unit;
    else {
      const parts = v.unit.split(UNIT_PATH_SEPARATOR).map((s) => s.trim());
      if (parts.some((s) => !s)) {
        const problem = `has an empty part: "${v.unit}" (write "Parent > Child")`;
        flag(line, "unit", "empty-unit-part", problem);
      } else if (parts.length > MAX_UNIT_DEPTH) {
        const problem = `is nested ${parts.length} levels deep; at most ${MAX_UNIT_DEPTH}`;
        flag(line, "unit", "unit-too-deep", problem, { depth: parts.length, max: MAX_UNIT_DEPTH });
      } else if (parts.every((s) => bounded(line, "unit", s, 200) !== undefined)) {
        line.unitPath = parts;
      }
    }
  }
  if (v.reportsTo !== undefined) {
    line.reportsTo = v.reportsTo === "" ? null : bounded(line, "reportsTo", v.reportsTo, 100);
    if (line.reportsTo && line.reportsTo === line.key) {
      flag(line, "reportsTo", "reports-to-self", "names the position itself");
    }
  }
  return line;
}

interface UnitNode {
  id: string;
  parentId: string | null;
  name: string;
  planned: boolean;
  sortOrder: number;
}

/** Works out what the lines do against the chart's current state; `apply` writes it. */
async function planImport(
  tx: TenantScope,
  chartId: string,
  lines: PositionLine[],
  pace: Pace,
) {
  const [existingUnits, existing] = await Promise.all([
    tx.select(orgUnits, { where: eq(orgUnits.chartId, chartId) }),
    tx.select(positions, { where: eq(positions.chartId, chartId) }),
  ]);
  const units = new Units(existingUnits.map((u) => ({ ...u, planned: false })));
  const byKey = new Map<string, PositionRow>();
  const byId = new Map<string, PositionRow>();
  for (const p of existing) {
    byId.set(p.id, p);
    if (p.externalKey) byKey.set(p.externalKey, p);
  }

  // Keys twice in the file: the later rows are refused (keys compared exactly, as ever).
  const firstRow = firstRowByKey(lines, "externalKey", (key) => key);

  // Ids: existing positions keep theirs, new ones get one now.
  const idOf = new Map<PositionLine, string>();
  const unitOf = new Map<PositionLine, UnitNode>();
  for (const line of lines) {
    await pace();
    if (line.problems.length) continue;
    const current = byKey.get(line.key);
    idOf.set(line, current?.id ?? uuidv7());
    if (!current) {
      if (line.title === undefined) {
        flag(line, "title", "empty-for-new", "is empty; a new position needs a title", {
          kind: "position",
          field: "title",
        });
      }
      if (!line.unitPath && !line.unitId) {
        flag(line, "unit", "empty-for-new", "is empty; a new position needs a unit", {
          kind: "position",
          field: "unit",
        });
      }
    }
    if (line.unitId) {
      const unit = units.byId(line.unitId);
      const problem = `names no org unit of this chart: ${line.unitId}`;
      if (!unit) flag(line, "unit", "unknown-unit", problem);
      else unitOf.set(line, unit);
    } else if (line.unitPath && !line.problems.length) {
      const found = units.resolve(line.unitPath);
      if ("problem" in found) flag(line, "unit", "ambiguous-unit", found.problem, found.params);
      else unitOf.set(line, found);
    }
  }

  // Reports-to lines: the manager's key in the file or the chart (or a position id).
  const managerOf = (line: PositionLine): string | null | undefined => {
    if (line.reportsTo === undefined) return undefined;
    if (line.reportsTo === null) return null;
    const inFile = firstRow.get(line.reportsTo);
    if (inFile && idOf.has(inFile)) return idOf.get(inFile)!;
    return byKey.get(line.reportsTo)?.id ??
      (byId.has(line.reportsTo) ? line.reportsTo : undefined);
  };
  for (const line of lines) {
    await pace();
    if (line.problems.length || !line.reportsTo) continue;
    if (!managerOf(line) && !firstRow.has(line.reportsTo)) {
      flag(
        line,
        "reportsTo",
        "unknown-position",
        `names no position: "${line.reportsTo}" is neither in the file nor in the chart`,
      );
    }
  }

  // Until stable: rows reporting to a new position whose row is refused are refused too,
  // and rows closing a cycle of reports-to lines are refused.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      await pace();
      if (line.problems.length || !line.reportsTo) continue;
      const target = firstRow.get(line.reportsTo);
      if (target && target.problems.length && !byKey.has(line.reportsTo)) {
        flag(
          line,
          "reportsTo",
          "manager-not-imported",
          `names "${line.reportsTo}", a new position whose row ${target.row} is not imported`,
          { row: target.row },
        );
        changed = true;
      }
    }
    const manager = new Map<string, string | null>();
    const label = new Map<string, string>();
    const lineOf = new Map<string, PositionLine>();
    for (const p of existing) {
      manager.set(p.id, p.reportsToId);
      label.set(p.id, p.externalKey ?? p.title);
    }
    for (const line of lines) {
      await pace();
      if (line.problems.length) continue;
      const id = idOf.get(line)!;
      lineOf.set(id, line);
      label.set(id, line.key);
      const m = managerOf(line);
      if (m !== undefined) manager.set(id, m);
      else if (!manager.has(id)) manager.set(id, null);
    }
    for (const cycle of findCycles(manager)) {
      const path = [...cycle, cycle[0]].map((id) => label.get(id) ?? id).join(" → ");
      for (const id of cycle) {
        const line = lineOf.get(id);
        if (line && !line.problems.length) {
          flag(line, "reportsTo", "cycle", `the reports-to lines would form a cycle: ${path}`);
          changed = true;
        }
      }
    }
  }

  // What the remaining lines do.
  const inserts: Omit<typeof positions.$inferInsert, "tenantId">[] = [];
  const updates: { id: string; patch: Partial<PositionRow> }[] = [];
  const neededUnits = new Set<UnitNode>();
  const counts = { created: 0, updated: 0, unchanged: 0, unitsCreated: 0 };
  const now = new Date();
  for (const line of lines) {
    await pace();
    if (line.problems.length) continue;
    const id = idOf.get(line)!;
    const unit = unitOf.get(line);
    for (let u: UnitNode | undefined = unit; u?.planned; u = units.byId(u.parentId ?? "")) {
      neededUnits.add(u);
    }
    const manager = managerOf(line);
    const current = byKey.get(line.key);
    if (!current) {
      inserts.push({
        id,
        chartId,
        unitId: unit!.id,
        title: line.title!,
        reportsToId: manager ?? null,
        externalKey: line.key,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      counts.created++;
      continue;
    }
    const patch: Partial<PositionRow> = {};
    if (line.title !== undefined && line.title !== current.title) patch.title = line.title;
    if (unit && unit.id !== current.unitId) patch.unitId = unit.id;
    if (manager !== undefined && manager !== current.reportsToId) patch.reportsToId = manager;
    if (Object.keys(patch).length) {
      updates.push({ id, patch: { ...patch, ...bumped(current.version) } });
      counts.updated++;
    } else counts.unchanged++;
  }
  counts.unitsCreated = neededUnits.size;
  if (existingUnits.length + neededUnits.size > CHART_LIMITS.units) {
    throw chartFull("units", existingUnits.length + neededUnits.size);
  }
  if (existing.length + inserts.length > CHART_LIMITS.positions) {
    throw chartFull("positions", existing.length + inserts.length);
  }

  return {
    counts,
    apply: async () => {
      // Parents before children: planned units are listed in the order they were planned.
      for (const u of units.planned()) {
        if (!neededUnits.has(u)) continue;
        await insertUnit(tx, {
          id: u.id,
          chartId,
          parentId: u.parentId,
          name: u.name,
          sortOrder: u.sortOrder,
        });
      }
      for (const batch of batches(inserts)) {
        await tx.insert(positions, batch);
      }
      await updateRows(tx, positions, updates);
    },
  };
}

/** The chart's units plus those the import plans, found by name and path. */
class Units {
  readonly #byId = new Map<string, UnitNode>();
  readonly #byName = new Map<string, UnitNode[]>();
  readonly #planned: UnitNode[] = [];
  /** The next sort order under each parent ("" for the top). */
  readonly #nextSort = new Map<string, number>();

  constructor(list: UnitNode[]) {
    for (const u of list) this.#add(u);
  }

  byId(id: string) {
    return this.#byId.get(id);
  }

  planned() {
    return this.#planned;
  }

  /**
   * The unit at `path`, planning the missing ones. The first name may be any unit of the
   * chart (when only one has it); the others are children, one below the other. A string
   * is a problem to report.
   */
  /** The unit of `path` (planned when new), or the problem of an ambiguous name. */
  resolve(path: string[]): UnitNode | { problem: string; params: { count: number } } {
    const [head, ...rest] = path;
    const candidates = this.#byName.get(head.toLowerCase()) ?? [];
    let at: UnitNode;
    if (candidates.length > 1) {
      const roots = candidates.filter((u) => u.parentId === null);
      if (roots.length !== 1) {
        const like = this.#pathOf(candidates[0]).join(` ${UNIT_PATH_SEPARATOR} `);
        return {
          problem: `is ambiguous: ${candidates.length} units are called "${head}"; write the ` +
            `path from the top, like "${like}"`,
          params: { count: candidates.length },
        };
      }
      at = roots[0];
    } else at = candidates[0] ?? this.#plan(null, head);
    for (const name of rest) {
      const children = (this.#byName.get(name.toLowerCase()) ?? []).filter((u) =>
        u.parentId === at.id
      );
      if (children.length > 1) {
        return {
          problem: `is ambiguous: "${at.name}" has ${children.length} sub-units called "${name}"`,
          params: { count: children.length },
        };
      }
      at = children[0] ?? this.#plan(at.id, name);
    }
    return at;
  }

  #plan(parentId: string | null, name: string): UnitNode {
    const sortOrder = this.#nextSort.get(parentId ?? "") ?? 0;
    const u: UnitNode = { id: uuidv7(), parentId, name, planned: true, sortOrder };
    this.#add(u);
    this.#planned.push(u);
    return u;
  }

  #add(u: UnitNode) {
    this.#byId.set(u.id, u);
    const parent = u.parentId ?? "";
    this.#nextSort.set(parent, Math.max(this.#nextSort.get(parent) ?? 0, u.sortOrder + 1));
    const key = u.name.toLowerCase();
    this.#byName.set(key, [...(this.#byName.get(key) ?? []), u]);
  }

  #pathOf(u: UnitNode): string[] {
    const names: string[] = [];
    for (let at: UnitNode | undefined = u; at && names.length <= MAX_UNIT_DEPTH * 10;) {
      names.unshift(at.name);
      at = at.parentId ? this.#byId.get(at.parentId) : undefined;
    }
    return names;
  }
}

/** The cycles among `manager` links (each once, starting at its smallest id). */
export function findCycles(manager: Map<string, string | null>): string[][] {
  const state = new Map<string, 1 | 2>(); // 1: on the current walk, 2: done
  const cycles: string[][] = [];
  for (const start of manager.keys()) {
    if (state.has(start)) continue;
    const walk: string[] = [];
    let at: string | null | undefined = start;
    while (at && !state.has(at)) {
      state.set(at, 1);
      walk.push(at);
      at = manager.get(at);
    }
    if (at && state.get(at) === 1) {
      const cycle = walk.slice(walk.indexOf(at));
      const smallest = cycle.reduce((m, x, i) => (compareText(x, cycle[m]) < 0 ? i : m), 0);
      cycles.push([...cycle.slice(smallest), ...cycle.slice(0, smallest)]);
    }
    for (const id of walk) state.set(id, 2);
  }
  return cycles;
}
