// A list as XLSX through exceljs's streaming writer: one sheet, a bold frozen header row
// with an autofilter, column widths, real dates and numbers; strings are inline (no shared
// string table), so memory stays flat. Rows are written while the client reads: the writer
// waits whenever the stream's buffer is full. Needs node:stream (Deno, Node, and Workers
// with nodejs_compat).
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import type { ListCell, ListColumn } from "../../../api/plugin.ts";
import { asDate, neutralise } from "./cells.ts";

export interface XlsxOptions {
  sheet: string;
  headers: string[];
}

const FORMATS: Partial<Record<ListColumn["type"], string>> = {
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
  number: "0",
};

function cell(value: ListCell, column: ListColumn): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (column.type === "date" || column.type === "datetime" || value instanceof Date) {
    return asDate(value);
  }
  if (column.type === "url" && typeof value === "string" && /^https?:\/\//i.test(value)) {
    return { text: value, hyperlink: value };
  }
  if (typeof value === "string") return neutralise(value);
  return value;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "List";

export function xlsxStream(
  columns: ListColumn[],
  rows: AsyncIterator<ListCell[]>,
  o: XlsxOptions,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet(sheetName(o.sheet), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    header: o.headers[i],
    key: c.key,
    width: c.width ?? Math.min(40, Math.max(10, o.headers[i].length + 4)),
    style: FORMATS[c.type] ? { numFmt: FORMATS[c.type] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const write = async () => {
    try {
      sheet.getRow(1).commit();
      let n = 0;
      while (true) {
        const next = await rows.next();
        if (next.done) break;
        sheet.addRow(next.value.map((v, k) => cell(v, columns[k]))).commit();
        // Let the client catch up before producing more.
        if (++n % 200 === 0 && out.writableNeedDrain) {
          await new Promise((resolve) => out.once("drain", resolve));
        }
      }
      sheet.commit();
      await book.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  };
  void write();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
