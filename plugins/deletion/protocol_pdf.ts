// The deletion protocol as a PDF: the same facts as the JSON, set in DejaVu Sans (embedded
// with fontkit, so any table name prints) on A4 pages.
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { ProblemError } from "../../api/problem.ts";
import { BIN_METHOD, type ProtocolDocument } from "./protocol.ts";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const SIZE = 10;
const LINE = 14;

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** DejaVu Sans from node_modules, read once (no file system on Workers: 503 there). */
function loadFonts() {
  return fonts ??= (async () => {
    const { readFile } = await import("node:fs/promises");
    const root = new URL("../../node_modules/dejavu-fonts-ttf/ttf/", import.meta.url);
    const read = async (f: string) => new Uint8Array(await readFile(new URL(f, root)));
    return { regular: await read("DejaVuSans.ttf"), bold: await read("DejaVuSans-Bold.ttf") };
  })().catch((e) => {
    fonts = undefined;
    throw new ProblemError(503, "export-unavailable", "PDFs need font files this server lacks.", {
      reason: e instanceof Error ? e.name : "unknown",
    });
  });
}

/** Renders the protocol with its SHA-256 as a PDF. */
export async function protocolPdf(doc: ProtocolDocument, sha256: string): Promise<Uint8Array> {
  const files = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Deletion protocol ${doc.id}`);
  pdf.setCreator("Procedo");
  const regular = await pdf.embedFont(files.regular, { subset: true });
  const bold = await pdf.embedFont(files.bold, { subset: true });
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (text: string, font: PDFFont = regular, size = SIZE) => {
    if (y < MARGIN) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
    page.drawText(text, { x: MARGIN, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    y -= size >= 14 ? LINE * 1.6 : LINE;
  };
  const gap = () => (y -= LINE / 2);

  // An erasure's protocol (erase.ts) concerns one person and changes rows instead of deleting.
  const person = (doc as { person?: { kind: string; id: string; pseudonym: string } }).person;
  line("Deletion protocol", bold, 18);
  for (
    const [k, v] of [
      ["Protocol", doc.id],
      ["Workspace", doc.tenantId],
      ...(person ? [["Person", `${person.kind} ${person.id} (${person.pseudonym})`]] : []),
      ["Reason", doc.reason],
      ["Requested by", doc.requestedBy],
      ["Requested at", doc.requestedAt],
      ...(doc.confirmedBy ? [["Confirmed by", doc.confirmedBy]] : []),
      ["Started at", doc.startedAt],
      ["Finished at", doc.finishedAt],
      ["Method", person ? doc.method : `${doc.method} (${doc.batchSize} rows per batch)`],
      ["Hooks run", doc.hooks.join(", ") || "none"],
      ["Cache keys removed", String(doc.cacheKeys)],
      [
        "Verified",
        doc.verified
          ? person
            ? "yes: no former value remains"
            : doc.method === BIN_METHOD
            ? "yes: none of the deleted rows remain"
            : "yes: no rows of the workspace remain"
          : "NO: rows remain",
      ],
    ]
  ) line(`${k}: ${v}`);
  gap();
  line(person ? "Changed rows" : "Deleted rows", bold, 12);
  for (const d of doc.deleted) {
    line(`${d.table}: ${d.rows}${d.declared ? "" : " (found in the database catalogue)"}`);
  }
  gap();
  line(
    person
      ? "Verification: rows still holding a former name or address, per column"
      : "Verification: rows remaining per table with a tenant_id column",
    bold,
    12,
  );
  for (const v of doc.verification) line(`${v.table}: ${v.remaining}`);
  gap();
  line("SHA-256 of the JSON protocol (also in the audit chain):", bold);
  line(sha256, regular, 8);
  return await pdf.save();
}
