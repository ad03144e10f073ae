// The kind registry: everything that differs between documents, IT systems, locations and
// requirements is here, as data. Routes, request schemas, the service, the import columns and
// the link-target providers are built from these specs, once for all kinds.
import type { ResourceColumn, ResourceKind } from "./schema.ts";

export type FieldType = "text" | "longText" | "url" | "date" | "position";

export interface FieldSpec {
  /** The name in the API and the default import header. */
  field: string;
  /** The table column holding it. */
  column: ResourceColumn;
  type: FieldType;
  /** Longest text accepted (text and longText). */
  max?: number;
  /** Needed to create one (and never empty). */
  required?: boolean;
  /** One line for the OpenAPI document and the import docs. */
  description: string;
  /** The import column, when it differs from `field` (the owner is a position key there). */
  importField?: string;
  /** Other header texts meaning this field in imports (English and German). */
  aliases?: readonly string[];
  /** Lists take `?<field>=` to filter on exactly this value. */
  filter?: boolean;
  /** Lists' `q` searches this field too (the name and external key always). */
  search?: boolean;
}

export interface KindSpec {
  kind: ResourceKind;
  /** The route segment: /api/v1/resources/<path>. */
  path: string;
  /** In messages: "document", "documents". */
  noun: readonly [singular: string, plural: string];
  /** The noun of the operationIds, PascalCase: ["ItSystem", "ItSystems"] → listItSystems. */
  operationNoun: readonly [singular: string, plural: string];
  /** The OpenAPI component name of a resource of this kind. */
  schemaName: string;
  /** The first field is the name (title) column; required fields come first. */
  fields: readonly FieldSpec[];
  /** Further `sort` values (besides name, createdAt and updatedAt), by field. */
  sorts?: readonly string[];
  /** The order of lists by name; the name lower-cased unless told otherwise. */
  sortKey?(values: FieldValues): string;
  /** The display name for link targets ("ISO 9001 7.5.3 Control of documented information"). */
  label?(values: FieldValues): string;
}

/** A resource's field values by field name (null: empty). */
export type FieldValues = Record<string, string | null>;

const description: FieldSpec = {
  field: "description",
  column: "description",
  type: "longText",
  max: 4000,
  description: "What it is for",
  aliases: ["Beschreibung"],
  search: true,
};
const url = (what: string): FieldSpec => ({
  field: "url",
  column: "url",
  type: "url",
  description: `Where to open ${what} (http or https), e.g. a SharePoint link`,
  aliases: ["link", "address", "web address", "Adresse", "Verknüpfung"],
});
const owner: FieldSpec = {
  field: "ownerPositionId",
  column: "ownerPositionId",
  type: "position",
  description: "The responsible position of the org chart",
  importField: "owner",
  aliases: [
    "owner position",
    "ownerPositionId",
    "owner key",
    "Verantwortlich",
    "Verantwortliche Stelle",
    "Eigentümer",
  ],
  filter: true,
};

export const DOCUMENT: KindSpec = {
  kind: "document",
  path: "documents",
  noun: ["document", "documents"],
  operationNoun: ["Document", "Documents"],
  schemaName: "Document",
  fields: [
    {
      field: "title",
      column: "name",
      type: "text",
      max: 300,
      required: true,
      description: "The document's title",
      aliases: ["name", "document", "Titel", "Dokument", "Bezeichnung"],
    },
    description,
    { ...url("the document"), aliases: ["link", "SharePoint", "Verknüpfung"] },
    {
      field: "type",
      column: "docType",
      type: "text",
      max: 100,
      description: "Procedure, work instruction, form, policy… (free text)",
      aliases: ["document type", "Typ", "Dokumentart", "Dokumenttyp"],
      filter: true,
    },
    owner,
    {
      field: "validUntil",
      column: "validUntil",
      type: "date",
      description: "The last day the document is valid (YYYY-MM-DD)",
      aliases: ["valid until", "valid to", "expires", "Gültig bis"],
    },
  ],
  sorts: ["validUntil"],
};

export const SYSTEM: KindSpec = {
  kind: "system",
  path: "systems",
  noun: ["IT system", "IT systems"],
  operationNoun: ["ItSystem", "ItSystems"],
  schemaName: "ItSystem",
  fields: [
    {
      field: "name",
      column: "name",
      type: "text",
      max: 200,
      required: true,
      description: "The system's name",
      aliases: ["system", "IT system", "application", "Anwendung", "System"],
    },
    description,
    {
      field: "vendor",
      column: "vendor",
      type: "text",
      max: 200,
      description: "Who makes or runs it",
      aliases: ["manufacturer", "supplier", "Hersteller", "Anbieter"],
      filter: true,
      search: true,
    },
    url("the system"),
    owner,
  ],
};

export const LOCATION: KindSpec = {
  kind: "location",
  path: "locations",
  noun: ["location", "locations"],
  operationNoun: ["Location", "Locations"],
  schemaName: "Location",
  fields: [
    {
      field: "name",
      column: "name",
      type: "text",
      max: 200,
      required: true,
      description: "The location's name (a building, hall, room…)",
      aliases: ["location", "Name", "Ort", "Standort"],
    },
    description,
    {
      field: "address",
      column: "address",
      type: "text",
      max: 500,
      description: "The postal address",
      aliases: ["postal address", "Anschrift", "Adresse"],
      search: true,
    },
    {
      field: "site",
      column: "site",
      type: "text",
      max: 200,
      description: "The site or plant it belongs to",
      aliases: ["plant", "campus", "Werk", "Niederlassung"],
      filter: true,
      search: true,
    },
  ],
};

export const REQUIREMENT: KindSpec = {
  kind: "requirement",
  path: "requirements",
  noun: ["requirement", "requirements"],
  operationNoun: ["Requirement", "Requirements"],
  schemaName: "Requirement",
  fields: [
    {
      field: "title",
      column: "name",
      type: "text",
      max: 300,
      required: true,
      description: "A short title: Control of documented information",
      aliases: ["name", "requirement", "Titel", "Anforderung", "Bezeichnung"],
    },
    {
      field: "standard",
      column: "standard",
      type: "text",
      max: 100,
      required: true,
      description: "The standard, law or contract: ISO 9001, GDPR…",
      aliases: ["norm", "regulation", "source", "Norm", "Regelwerk", "Quelle"],
      filter: true,
      search: true,
    },
    {
      field: "clause",
      column: "clause",
      type: "text",
      max: 50,
      description: "The clause or article: 7.5.3",
      aliases: ["section", "article", "chapter", "Kapitel", "Abschnitt", "Artikel"],
      search: true,
    },
    {
      field: "text",
      column: "body",
      type: "longText",
      max: 20_000,
      description: "What the requirement says, in your words",
      aliases: ["requirement text", "content", "Text", "Inhalt", "Anforderungstext"],
      search: true,
    },
  ],
  // ISO 9001 4.4 before 10.2: clause numbers compare part by part.
  sortKey: (v) =>
    [v.standard ?? "", clauseKey(v.clause ?? ""), v.title ?? ""].join(" ").toLowerCase(),
  label: (v) => [v.standard, v.clause, v.title].filter(Boolean).join(" "),
};

export const KINDS: readonly KindSpec[] = [DOCUMENT, SYSTEM, LOCATION, REQUIREMENT];

export const kindSpec = (kind: ResourceKind) => KINDS.find((k) => k.kind === kind)!;

/** The field holding the name (title) of `spec`'s resources. */
export const nameField = (spec: KindSpec) => spec.fields.find((f) => f.column === "name")!;

/** The sort key of a resource: the name lower-cased unless the kind says otherwise. */
export const sortKeyOf = (spec: KindSpec, values: FieldValues) =>
  (spec.sortKey?.(values) ?? (values[nameField(spec).field] ?? "").toLowerCase()).slice(0, 300);

/** The display name of a resource. */
export const labelOf = (spec: KindSpec, values: FieldValues) =>
  spec.label?.(values) ?? values[nameField(spec).field] ?? "";

/** "7.5.3" → "0007.0005.0003", so clauses sort by number; other text stays as it is. */
export function clauseKey(clause: string): string {
  return clause.replace(/\d+/g, (n) => n.padStart(4, "0"));
}
