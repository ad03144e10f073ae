// A deletion protocol as a person reads it: the counts it holds (rows deleted, tables
// checked, rows remaining), read from its JSON through the signed link, and its downloads.
// The protocol's format is the deletion plugin's (docs/deletion.md, "The protocol").
import { html, nothing } from "lit";
import { icon } from "../../../components/icons.ts";
import { formatDateTime, formatNumber, t } from "../../../lib/i18n.ts";
import { fetchSigned, linkExpiry } from "./job_poller.ts";

interface ProtocolDocument {
  deleted: { table: string; rows: number }[];
  verification: { table: string; remaining: number }[];
  verified: boolean;
}

export interface ProtocolCounts {
  deletedRows: number;
  deletedTables: number;
  /** Tables counted after the deletion (every table with a tenant_id column). */
  checkedTables: number;
  remaining: number;
  verified: boolean;
}

/** The counts of the protocol behind the signed `jsonUrl`. */
export async function protocolCounts(jsonUrl: string, signal?: AbortSignal) {
  const doc = await fetchSigned<ProtocolDocument>(jsonUrl, signal);
  return {
    deletedRows: doc.deleted.reduce((n, d) => n + d.rows, 0),
    deletedTables: doc.deleted.filter((d) => d.rows > 0).length,
    checkedTables: doc.verification.length,
    remaining: doc.verification.reduce((n, v) => n + v.remaining, 0),
    verified: doc.verified,
  } satisfies ProtocolCounts;
}

/** The PDF of a protocol: the same signed link with .pdf instead of .json. */
export const pdfUrlOf = (jsonUrl: string) => jsonUrl.replace(".json?", ".pdf?");

/** "Verified: 57 tables checked, 0 rows remaining." */
export function verificationText(c: ProtocolCounts) {
  const counts = { tables: formatNumber(c.checkedTables), remaining: formatNumber(c.remaining) };
  return c.verified && c.remaining === 0
    ? t("data.protocol.verified", counts)
    : t("data.protocol.notVerified", counts);
}

/** The JSON and PDF downloads of a protocol; `title` says until when their link works. */
export function protocolLinks(jsonUrl: string) {
  const until = linkExpiry(jsonUrl);
  const title = until ? t("data.protocol.validUntil", { time: formatDateTime(until) }) : "";
  return html`
    <span class="links">
      <a href=${jsonUrl} download data-testid="protocol-json"
        title=${title || nothing}>${icon(
          "download",
          16,
        )}${t("data.protocol.json")}</a>
      <a href=${pdfUrlOf(jsonUrl)} download data-testid="protocol-pdf"
        title=${title ||
          nothing}>${icon("download", 16)}${t("data.protocol.pdf")}</a>
    </span>
  `;
}
