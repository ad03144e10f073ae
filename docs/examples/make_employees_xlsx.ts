// Writes docs/examples/employees.xlsx from docs/examples/employees.csv, as a spreadsheet
// program would save it: a bold header row, e-mail addresses as mailto links, a second
// sheet with notes (only the first sheet is imported). Run after changing the CSV:
//
//   npx -y deno run -A docs/examples/make_employees_xlsx.ts
//
// The output is committed so that people can download a real XLSX example; the import tests
// check that it still imports exactly like employees.csv.
import ExcelJS from "exceljs";
import { parseCsvText } from "../../api/tabular/mod.ts";

const here = new URL("./", import.meta.url);
const [header, ...rows] = parseCsvText(
  await Deno.readTextFile(new URL("employees.csv", here)),
).filter((r) => r.some((c) => c !== ""));

const wb = new ExcelJS.Workbook();
wb.creator = "Procedo";
wb.created = wb.modified = new Date("2026-01-01T00:00:00Z");
const sheet = wb.addWorksheet("Employees");
sheet.addRow(header).font = { bold: true };
const emailColumn = header.indexOf("email");
for (const r of rows) {
  const row = sheet.addRow(r);
  const email = r[emailColumn];
  if (email) {
    row.getCell(emailColumn + 1).value = { text: email, hyperlink: `mailto:${email}` };
  }
}
sheet.columns.forEach((col, i) => {
  col.width = Math.max(12, ...[header, ...rows].map((r) => (r[i] ?? "").length + 2));
});
sheet.views = [{ state: "frozen", ySplit: 1 }];
wb.addWorksheet("Notes").addRow([
  "Only the first sheet is imported. positions: external keys of the chart's positions, " +
  "the first one primary.",
]);
await Deno.writeFile(new URL("employees.xlsx", here), new Uint8Array(await wb.xlsx.writeBuffer()));
console.log("wrote docs/examples/employees.xlsx");
