// What differs between documents, IT systems, locations and requirements, as data: their
// fields (for the form and the details), their table columns (with the API sort a column
// offers) and their icon. The list, the panel, where-used and the import are written once and
// read their kind's spec, as the API's resources plugin does with its own kind registry.
import type { IconName } from "../../../components/icons.ts";
import type { Schemas } from "../../../lib/api/client.ts";
import { type MessageKey, t } from "../../../lib/i18n.ts";

export const KINDS = ["documents", "systems", "locations", "requirements"] as const;
/** The route segment of a kind: /api/v1/resources/<kind>, /resources/<kind>. */
export type ResourceKind = typeof KINDS[number];
/** The kinds the resources page shows as tabs (requirements have a page of their own). */
export const TAB_KINDS: readonly ResourceKind[] = ["documents", "systems", "locations"];

export type Resource =
  | Schemas["Document"]
  | Schemas["ItSystem"]
  | Schemas["Location"]
  | Schemas["Requirement"];

export type FieldType = "text" | "longText" | "url" | "date" | "position";

export interface FieldSpec {
  /** The API's field name ("title", "ownerPositionId"). */
  name: string;
  type: FieldType;
  label: MessageKey;
  required?: boolean;
  /** Longest text the API accepts. */
  max?: number;
}

/** What a column shows; the list renders each (see cells.ts). */
export type CellType = "text" | "owner" | "validUntil" | "excerpt" | "updated";

export interface ColumnSpec {
  /** The field shown (for "excerpt": the title, with `text` below it). */
  field: string;
  label: MessageKey;
  cell: CellType;
  /** The API sort this column offers (ascending first; "-" + it descending). */
  sort?: "name" | "updatedAt" | "validUntil";
  /** The column whose text opens the details panel. */
  opens?: boolean;
}

export interface KindSpec {
  kind: ResourceKind;
  icon: IconName;
  /** The field naming a resource ("title" or "name"). */
  nameField: string;
  fields: readonly FieldSpec[];
  columns: readonly ColumnSpec[];
  /** Fields the list filters on by exact value (the API's facets of the kind). */
  filters: readonly string[];
}

const description: FieldSpec = {
  name: "description",
  type: "longText",
  label: "resources.field.description",
  max: 4000,
};
const url: FieldSpec = { name: "url", type: "url", label: "resources.field.url", max: 2000 };
const owner: FieldSpec = {
  name: "ownerPositionId",
  type: "position",
  label: "resources.field.owner",
};
const updated: ColumnSpec = {
  field: "updatedAt",
  label: "resources.field.updated",
  cell: "updated",
  sort: "updatedAt",
};
const ownerColumn: ColumnSpec = {
  field: "ownerPositionId",
  label: "resources.field.owner",
  cell: "owner",
};

export const SPECS: Record<ResourceKind, KindSpec> = {
  documents: {
    kind: "documents",
    filters: ["type"],
    icon: "document",
    nameField: "title",
    fields: [
      { name: "title", type: "text", label: "resources.field.title", required: true, max: 300 },
      { name: "type", type: "text", label: "resources.field.type", max: 100 },
      url,
      owner,
      { name: "validUntil", type: "date", label: "resources.field.validUntil" },
      description,
    ],
    columns: [
      { field: "title", label: "resources.field.title", cell: "text", sort: "name", opens: true },
      { field: "type", label: "resources.field.type", cell: "text" },
      ownerColumn,
      {
        field: "validUntil",
        label: "resources.field.validUntil",
        cell: "validUntil",
        sort: "validUntil",
      },
      updated,
    ],
  },
  systems: {
    kind: "systems",
    filters: ["vendor"],
    icon: "server",
    nameField: "name",
    fields: [
      { name: "name", type: "text", label: "resources.field.name", required: true, max: 200 },
      { name: "vendor", type: "text", label: "resources.field.vendor", max: 200 },
      url,
      owner,
      description,
    ],
    columns: [
      { field: "name", label: "resources.field.name", cell: "text", sort: "name", opens: true },
      { field: "vendor", label: "resources.field.vendor", cell: "text" },
      ownerColumn,
      updated,
    ],
  },
  locations: {
    kind: "locations",
    filters: ["site"],
    icon: "location",
    nameField: "name",
    fields: [
      { name: "name", type: "text", label: "resources.field.name", required: true, max: 200 },
      { name: "site", type: "text", label: "resources.field.site", max: 200 },
      { name: "address", type: "text", label: "resources.field.address", max: 500 },
      description,
    ],
    columns: [
      { field: "name", label: "resources.field.name", cell: "text", sort: "name", opens: true },
      { field: "site", label: "resources.field.site", cell: "text" },
      { field: "address", label: "resources.field.address", cell: "text" },
      updated,
    ],
  },
  requirements: {
    kind: "requirements",
    filters: ["standard"],
    icon: "clipboardTask",
    nameField: "title",
    fields: [
      {
        name: "standard",
        type: "text",
        label: "resources.field.standard",
        required: true,
        max: 100,
      },
      { name: "clause", type: "text", label: "resources.field.clause", max: 50 },
      { name: "title", type: "text", label: "resources.field.title", required: true, max: 300 },
      { name: "text", type: "longText", label: "resources.field.text", max: 20_000 },
    ],
    // The API orders requirements "by name" as standard, then clause by number, then title.
    columns: [
      { field: "standard", label: "resources.field.standard", cell: "text", sort: "name" },
      { field: "clause", label: "resources.field.clause", cell: "text" },
      { field: "title", label: "resources.field.title", cell: "excerpt", opens: true },
      updated,
    ],
  },
};

export function isKind(kind: string | undefined): kind is ResourceKind {
  return (KINDS as readonly string[]).includes(kind ?? "");
}

/** A field's value as text (null when empty). */
export function valueOf(r: Resource, field: string): string | null {
  const v = (r as unknown as Record<string, unknown>)[field];
  return typeof v === "string" && v !== "" ? v : null;
}

/** The name of `r` as people call it ("ISO 9001 7.5.3 Control of …" for a requirement). */
export function nameOf(spec: KindSpec, r: Resource): string {
  if (spec.kind === "requirements") {
    return [valueOf(r, "standard"), valueOf(r, "clause"), valueOf(r, "title")]
      .filter(Boolean).join(" ");
  }
  return valueOf(r, spec.nameField) ?? "";
}

type KindMessage =
  | "tab"
  | "new"
  | "heading"
  | "empty"
  | "deleteTitle"
  | "importTitle"
  | "importHint";

/** The kind's own wording of `what` (resources.<kind>.<what>). */
export function kindText(
  kind: ResourceKind,
  what: KindMessage,
  params?: Record<string, string | number>,
): string {
  return t(`resources.${kind}.${what}` as const, params);
}
