// A list as CSV, streamed: UTF-8 with "," by default; for German Excel (?excel=true) a BOM
// and ";" so Excel opens it without the import wizard. The next rows are read only when the
// client has taken the previous ones (pull), so memory stays flat for any length.
import type { ListCell, ListColumn } from "../../../api/plugin.ts";
import { csvText } from "./cells.ts";

export interface CsvOptions {
  excel: boolean;
  headers: string[];
}

const ROWS_PER_CHUNK = 200;

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** The CSV text of one row, with its line ending. */
export function csvLine(cells: string[], delimiter: string): string {
  return cells.map((c) => quote(c, delimiter)).join(delimiter) + "\r\n";
}

export function csvStream(
  columns: ListColumn[],
  rows: AsyncIterator<ListCell[]>,
  o: CsvOptions,
): ReadableStream<Uint8Array> {
  const delimiter = o.excel ? ";" : ",";
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      if (!started) {
        started = true;
        text = (o.excel ? "\uFEFF" : "") + csvLine(o.headers.map((h) => h), delimiter);
      }
      for (let i = 0; i < ROWS_PER_CHUNK; i++) {
        const next = await rows.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += csvLine(next.value.map((v, k) => csvText(v, columns[k])), delimiter);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await rows.return?.();
    },
  }, { highWaterMark: 1 });
}
