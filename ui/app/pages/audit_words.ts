// An audit entry in words: "Max Modeler submitted a process draft for approval" instead of
// "processes.write POST /api/v1/processes/{id}/draft/submit". The route pattern says what
// was done to what: its first segment (and for the org chart and resources the second)
// names the object, a final action word (submit, approve, restore…) or else the method the
// verb. Unknown routes fall back to the method and the object type, so nothing is hidden.
import type { MessageKey } from "../../lib/i18n.ts";

export interface AuditWordsEntry {
  method?: string | null;
  route?: string | null;
  targetType?: string | null;
  status?: number | null;
}

export const AUDIT_VERBS = [
  "create",
  "change",
  "delete",
  "save",
  "submit",
  "withdraw",
  "approve",
  "reject",
  "restore",
  "confirm",
  "layout",
  "import",
  "move",
] as const;
export type AuditVerb = typeof AUDIT_VERBS[number];

export const AUDIT_OBJECTS = [
  "process",
  "draft",
  "review",
  "version",
  "user",
  "apiKey",
  "settings",
  "tag",
  "chart",
  "unit",
  "position",
  "employee",
  "document",
  "system",
  "location",
  "requirement",
  "other",
] as const;
export type AuditObject = typeof AUDIT_OBJECTS[number];

const OBJECT_OF: Record<string, AuditObject> = {
  processes: "process",
  draft: "draft",
  review: "review",
  versions: "version",
  users: "user",
  "api-keys": "apiKey",
  settings: "settings",
  tags: "tag",
  charts: "chart",
  units: "unit",
  positions: "position",
  employees: "employee",
  documents: "document",
  systems: "system",
  locations: "location",
  requirements: "requirement",
};

const ACTION_WORDS: Record<string, AuditVerb> = {
  submit: "submit",
  withdraw: "withdraw",
  approve: "approve",
  reject: "reject",
  restore: "restore",
  confirm: "confirm",
  layout: "layout",
  bpmn: "import",
  import: "import",
  move: "move",
};

const VERB_OF_METHOD: Record<string, AuditVerb> = {
  POST: "create",
  PUT: "save",
  PATCH: "change",
  DELETE: "delete",
};

/** The verb and object of an entry: message keys for the audit page's sentence. */
export function auditWords(e: AuditWordsEntry): { verb: MessageKey; object: MessageKey } {
  const segments = (e.route ?? "").replace(/^\/api\/v1\//, "").split("/")
    .filter((s) => s && !s.startsWith("{") && !s.startsWith(":"));
  const last = segments.at(-1) ?? "";
  const verb: AuditVerb = ACTION_WORDS[last] ?? VERB_OF_METHOD[e.method ?? ""] ?? "change";
  // The most specific object the route names (a draft of a process, an org chart's unit).
  const named = segments.map((s) => OBJECT_OF[s]).filter((o): o is AuditObject => !!o);
  let object: AuditObject = named.at(-1) ?? OBJECT_OF[e.targetType ?? ""] ?? "other";
  if (verb === "import" && last === "bpmn") object = "draft";
  if (verb === "approve" || verb === "reject") object = "draft";
  return {
    verb: `admin.audit.did.${verb}` as MessageKey,
    object: `admin.audit.what.${object}` as MessageKey,
  };
}
