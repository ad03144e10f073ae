// The header a DELETE that moved its object to the recycle bin answers with, so a client can
// offer "Undo" (POST /api/v1/recycle-bin/{id}/restore).
export const RECYCLE_BIN_HEADER = "Procedo-Recycle-Bin-Id";

/** OpenAPI: the response header of such a DELETE. */
export const RecycleBinIdHeader = {
  [RECYCLE_BIN_HEADER]: {
    schema: { type: "string" as const, format: "uuid" },
    description: "The recycle bin entry holding the deleted object (restore it to undo)",
  },
};
