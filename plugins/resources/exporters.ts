// The resources plugin's lists for the exports plugin (the contract's `exporters`): one list
// per kind — documents, systems, locations, requirements — built from the kind registry, so a
// fifth kind gets its export with its spec. Rows stream page by page (keyset on the sort key),
// owners resolved to their position titles per page.
import { eq } from "drizzle-orm";
import { keysetPages } from "../../api/db/keyset.ts";
import type { Bilingual, ListColumn, ListExporter } from "../../api/plugin.ts";
import { positionTargets } from "../orgchart/service.ts";
import { type FieldSpec, KINDS, type KindSpec } from "./kinds.ts";
import { resources } from "./schema.ts";

/** Column headers by field name (the registry's fields are named in English only). */
const HEADERS: Record<string, Bilingual> = {
  title: { en: "Title", de: "Titel" },
  name: { en: "Name", de: "Name" },
  description: { en: "Description", de: "Beschreibung" },
  url: { en: "Link", de: "Link" },
  type: { en: "Type", de: "Typ" },
  ownerPositionId: { en: "Owner (position)", de: "Verantwortliche Stelle" },
  validUntil: { en: "Valid until", de: "Gültig bis" },
  vendor: { en: "Vendor", de: "Hersteller" },
  address: { en: "Address", de: "Adresse" },
  site: { en: "Site", de: "Standort" },
  standard: { en: "Standard", de: "Norm" },
  clause: { en: "Clause", de: "Abschnitt" },
  text: { en: "Requirement text", de: "Anforderungstext" },
};

const TITLES: Record<string, Bilingual> = {
  documents: { en: "Documents", de: "Dokumente" },
  systems: { en: "IT systems", de: "IT-Systeme" },
  locations: { en: "Locations", de: "Standorte" },
  requirements: { en: "Requirements", de: "Anforderungen" },
};

const column = (f: FieldSpec): ListColumn => ({
  key: f.field,
  header: HEADERS[f.field] ?? { en: f.field, de: f.field },
  type: f.type === "date" ? "date" : f.type === "url" ? "url" : "text",
  width: f.type === "longText" ? 60 : f.type === "date" ? 12 : f.column === "name" ? 40 : 24,
  source: `resources.${snake(f.column)}`,
});

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function listOf(spec: KindSpec): ListExporter {
  return {
    kind: "list",
    name: spec.path,
    title: TITLES[spec.path] ?? { en: spec.noun[1], de: spec.noun[1] },
    columns: [
      {
        key: "id",
        header: { en: "ID", de: "ID" },
        type: "text",
        width: 38,
        source: "resources.id",
      },
      ...spec.fields.map(column),
      {
        key: "externalKey",
        header: { en: "External key", de: "Externer Schlüssel" },
        type: "text",
        source: "resources.external_key",
      },
      {
        key: "updatedAt",
        header: { en: "Changed", de: "Geändert" },
        type: "datetime",
        source: "resources.updated_at",
      },
    ],
    async *rows({ scope }) {
      const pages = keysetPages(scope, resources, {
        key: resources.sortKey,
        id: resources.id,
        where: eq(resources.kind, spec.kind),
      });
      for await (const page of pages) {
        const owners = [
          ...new Set(page.map((r) => r.ownerPositionId).filter((x): x is string => !!x)),
        ];
        const names = owners.length ? await positionTargets.labels(scope, owners) : new Map();
        for (const r of page) {
          yield [
            r.id,
            ...spec.fields.map((f) =>
              f.type === "position"
                ? (r.ownerPositionId ? names.get(r.ownerPositionId) ?? null : null)
                : r[f.column] ?? null
            ),
            r.externalKey,
            r.updatedAt,
          ];
        }
      }
    },
  };
}

export const resourceExporters: ListExporter[] = KINDS.map(listOf);
