// The live plugin's one table: the shared Yjs document of each draft that has been co-edited,
// so that a document outlives the server process and its room. Clients that edited offline
// merge into the same document they started from; a fresh document (a new Y.Doc filled from
// the draft) would make their queued edits pending forever. The draft (process_drafts) stays
// the source of truth: `draft_version` says which draft version `state` was taken with, and a
// newer draft (saved through the REST API while nobody edited live) is merged in on opening.
import { int, longtext, mysqlTable, primaryKey } from "drizzle-orm/mysql-core";
import { idColumn, tenantIdColumn, timestampColumn } from "../../api/db/columns.ts";

export const liveDocuments = mysqlTable("live_documents", {
  tenantId: tenantIdColumn(),
  processId: idColumn("process_id"),
  /** Y.encodeStateAsUpdate of the document, base64 (text reads the same on every driver). */
  state: longtext("state").notNull(),
  /** The draft version stored from this state. */
  draftVersion: int("draft_version").notNull(),
  updatedAt: timestampColumn("updated_at").notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.processId] })]);

export const liveTables = { liveDocuments };
