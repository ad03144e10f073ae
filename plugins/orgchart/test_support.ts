// Helpers for the orgchart tests: create objects through the HTTP API and read them back.
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import type { TestApp } from "../../tests/support/app.ts";

export const BASE = "/api/v1/orgchart";

export interface Helpers {
  post(path: string, body: unknown, token?: string): Promise<Response>;
  /** Creates and returns the object (fails the test on anything but 201). */
  make(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<Record<string, unknown> & { id: string; version: number }>;
  get(path: string, token?: string): Promise<Response>;
  // deno-lint-ignore no-explicit-any
  read(path: string, token?: string): Promise<any>;
  patch(
    path: string,
    body: unknown,
    version: number | "*" | null,
    token?: string,
  ): Promise<Response>;
  del(path: string, version: number | "*" | null, token?: string): Promise<Response>;
}

/** Request helpers bound to `t` and `base`, acting as `token` unless told otherwise. */
export function helpers(t: TestApp, token: string, base = BASE): Helpers {
  const ifMatch = (v: number | "*" | null): Record<string, string> =>
    v === null ? {} : { "if-match": v === "*" ? "*" : `W/"${v}"` };
  const h: Helpers = {
    post: (path, body, tok = token) => t.call("POST", base + path, { token: tok, body }),
    make: async (path, body, tok = token) => {
      const res = await h.post(path, body, tok);
      const text = await res.text();
      assert.equal(res.status, 201, `POST ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    },
    get: (path, tok = token) => t.call("GET", base + path, { token: tok }),
    read: async (path, tok = token) => {
      const res = await h.get(path, tok);
      const text = await res.text();
      assert.equal(res.status, 200, `GET ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    },
    patch: (path, body, v, tok = token) =>
      t.call("PATCH", base + path, { token: tok, body, headers: ifMatch(v) }),
    del: (path, v, tok = token) =>
      t.call("DELETE", base + path, { token: tok, headers: ifMatch(v) }),
  };
  return h;
}

/** A chart with a small tree: Company > (Sales > Key accounts), Finance; and positions. */
export async function buildChart(h: Helpers, name = `Chart ${crypto.randomUUID().slice(0, 6)}`) {
  const chart = await h.make("/charts", { name });
  const company = await h.make("/units", { chartId: chart.id, name: "Company" });
  const sales = await h.make("/units", { chartId: chart.id, parentId: company.id, name: "Sales" });
  const keyAccounts = await h.make("/units", {
    chartId: chart.id,
    parentId: sales.id,
    name: "Key accounts",
  });
  const finance = await h.make("/units", {
    chartId: chart.id,
    parentId: company.id,
    name: "Finance",
  });
  const ceo = await h.make("/positions", { unitId: company.id, title: "CEO", externalKey: "CEO" });
  const headOfSales = await h.make("/positions", {
    unitId: sales.id,
    title: "Head of Sales",
    reportsToId: ceo.id,
    externalKey: "SALES-1",
  });
  const accountManager = await h.make("/positions", {
    unitId: keyAccounts.id,
    title: "Key Account Manager",
    reportsToId: headOfSales.id,
    externalKey: "SALES-2",
  });
  return { chart, company, sales, keyAccounts, finance, ceo, headOfSales, accountManager };
}

/** The problem document of a response, after checking its status. */
export async function problemOf(res: Response, status: number) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status} ${text}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/problem\+json/);
  return JSON.parse(text);
}

/** An XLSX workbook with one worksheet holding `rows` (cells as exceljs takes them). */
export async function xlsxOf(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
