// The orgchart plugin's lists for the exports plugin (the contract's `exporters`): positions
// (no people in them, so every reader may export them) and employees with the positions they
// hold (personal data: the columns name employees' columns, which `personalData` marks, so
// the exports plugin lets only executives export them and audits each export).
import { keysetPages } from "../../api/db/keyset.ts";
import type { ListExporter } from "../../api/plugin.ts";
import { selectIn } from "./common.ts";
import { employeePositions, employees, orgCharts, orgUnits, positions } from "./schema.ts";

const positionList: ListExporter = {
  kind: "list",
  name: "positions",
  title: { en: "Positions", de: "Stellen" },
  columns: [
    { key: "id", header: { en: "ID", de: "ID" }, type: "text", width: 38, source: "positions.id" },
    {
      key: "title",
      header: { en: "Position", de: "Stelle" },
      type: "text",
      width: 36,
      source: "positions.title",
    },
    { key: "unit", header: { en: "Unit", de: "Einheit" }, type: "text", source: "org_units.name" },
    {
      key: "chart",
      header: { en: "Org chart", de: "Organigramm" },
      type: "text",
      source: "org_charts.name",
    },
    {
      key: "reportsTo",
      header: { en: "Reports to", de: "Berichtet an" },
      type: "text",
      width: 32,
      source: "positions.title",
    },
    { key: "holders", header: { en: "Holders", de: "Besetzungen" }, type: "number" },
    {
      key: "externalKey",
      header: { en: "External key", de: "Externer Schlüssel" },
      type: "text",
      source: "positions.external_key",
    },
    {
      key: "updatedAt",
      header: { en: "Changed", de: "Geändert" },
      type: "datetime",
      source: "positions.updated_at",
    },
  ],
  async *rows({ scope }) {
    const charts = new Map((await scope.select(orgCharts)).map((c) => [c.id, c.name]));
    for await (
      const page of keysetPages(scope, positions, { key: positions.title, id: positions.id })
    ) {
      const [units, bosses, holdings] = await Promise.all([
        selectIn(scope, orgUnits, orgUnits.id, page.map((p) => p.unitId)),
        selectIn(scope, positions, positions.id, page.flatMap((p) => p.reportsToId ?? [])),
        selectIn(scope, employeePositions, employeePositions.positionId, page.map((p) => p.id)),
      ]);
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      const bossTitle = new Map(bosses.map((b) => [b.id, b.title]));
      const count = new Map<string, number>();
      for (const h of holdings) count.set(h.positionId, (count.get(h.positionId) ?? 0) + 1);
      for (const p of page) {
        yield [
          p.id,
          p.title,
          unitName.get(p.unitId) ?? null,
          charts.get(p.chartId) ?? null,
          p.reportsToId ? bossTitle.get(p.reportsToId) ?? null : null,
          count.get(p.id) ?? 0,
          p.externalKey,
          p.updatedAt,
        ];
      }
    }
  },
};

const employeeList: ListExporter = {
  kind: "list",
  name: "employees",
  title: { en: "Employees", de: "Mitarbeitende" },
  columns: [
    { key: "id", header: { en: "ID", de: "ID" }, type: "text", width: 38, source: "employees.id" },
    {
      key: "name",
      header: { en: "Name", de: "Name" },
      type: "text",
      width: 30,
      source: "employees.name",
    },
    {
      key: "email",
      header: { en: "Email", de: "E-Mail" },
      type: "text",
      width: 32,
      source: "employees.email",
    },
    {
      key: "phone",
      header: { en: "Phone", de: "Telefon" },
      type: "text",
      source: "employees.phone",
    },
    {
      key: "location",
      header: { en: "Location", de: "Arbeitsort" },
      type: "text",
      width: 30,
      source: "employees.location",
    },
    {
      key: "positions",
      header: { en: "Positions", de: "Stellen" },
      type: "text",
      width: 40,
      source: "positions.title",
    },
    {
      key: "externalKey",
      header: { en: "External key", de: "Externer Schlüssel" },
      type: "text",
      source: "employees.external_key",
    },
  ],
  async *rows({ scope }) {
    const pages = keysetPages(scope, employees, { key: employees.nameKey, id: employees.id });
    for await (const page of pages) {
      const holdings = await selectIn(
        scope,
        employeePositions,
        employeePositions.employeeId,
        page.map((e) => e.id),
      );
      const held = await selectIn(
        scope,
        positions,
        positions.id,
        holdings.map((h) => h.positionId),
      );
      const title = new Map(held.map((p) => [p.id, p.title]));
      const byEmployee = new Map<string, string[]>();
      // The primary position first, as the org chart shows holders.
      holdings.sort((a, b) => Number(b.primary) - Number(a.primary));
      for (const h of holdings) {
        const list = byEmployee.get(h.employeeId) ?? [];
        list.push(title.get(h.positionId) ?? "");
        byEmployee.set(h.employeeId, list);
      }
      for (const e of page) {
        yield [
          e.id,
          e.name,
          e.email,
          e.phone,
          e.location,
          (byEmployee.get(e.id) ?? []).join("; "),
          e.externalKey,
        ];
      }
    }
  },
};

export const orgchartExporters: ListExporter[] = [positionList, employeeList];
