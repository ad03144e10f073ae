// The processes plugin's lists for the exports plugin (the contract's `exporters`): the
// landscape (one row per process) and the RACI assignments of one process (one row per step
// and position). Owner positions are named through the link-target providers the orgchart
// plugin contributes, so this plugin reads no other plugin's tables.
import { eq } from "drizzle-orm";
import { keysetPages } from "../../api/db/keyset.ts";
import type { ListExporter } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { roleAllows } from "../../api/tenancy.ts";
import { isReviewDue, processTitles } from "./landscape_service.ts";
import { linkTargetProviders } from "./link_targets.ts";
import { raciMatrix } from "./raci.ts";
import { processes, SOURCES } from "./schema.ts";

const CATEGORY = {
  management: { en: "Management", de: "Führung" },
  core: { en: "Core", de: "Kern" },
  support: { en: "Support", de: "Unterstützung" },
} as const;

const processList: ListExporter = {
  kind: "list",
  name: "processes",
  title: { en: "Processes", de: "Prozesse" },
  columns: [
    { key: "id", header: { en: "ID", de: "ID" }, type: "text", width: 38, source: "processes.id" },
    {
      key: "title",
      header: { en: "Process", de: "Prozess" },
      type: "text",
      width: 40,
      source: "processes.title",
    },
    {
      key: "category",
      header: { en: "Category", de: "Kategorie" },
      type: "text",
      source: "processes.category",
    },
    {
      key: "parent",
      header: { en: "Parent process", de: "Übergeordneter Prozess" },
      type: "text",
      width: 32,
      source: "processes.title",
    },
    {
      key: "owner",
      header: { en: "Owner (position)", de: "Verantwortliche Stelle" },
      type: "text",
      width: 30,
      source: "processes.owner_position_id",
    },
    {
      key: "publishedVersion",
      header: { en: "Published version", de: "Veröffentlichte Version" },
      type: "number",
      source: "processes.published_version",
    },
    {
      key: "publishedAt",
      header: { en: "Published", de: "Veröffentlicht" },
      type: "datetime",
      source: "processes.published_at",
    },
    {
      key: "nextReviewAt",
      header: { en: "Next review", de: "Nächste Prüfung" },
      type: "date",
      source: "processes.next_review_at",
    },
    { key: "reviewDue", header: { en: "Review due", de: "Prüfung fällig" }, type: "boolean" },
    {
      key: "description",
      header: { en: "Description", de: "Beschreibung" },
      type: "text",
      width: 60,
      source: "processes.description",
    },
  ],
  async *rows({ scope, plugins, language }) {
    const positions = linkTargetProviders(plugins).get("position");
    for await (
      const page of keysetPages(scope, processes, { key: processes.title, id: processes.id })
    ) {
      const parents = await processTitles(scope, page.flatMap((p) => p.parentId ?? []));
      const owners = page.flatMap((p) => p.ownerPositionId ?? []);
      const names = positions && owners.length ? await positions.labels(scope, owners) : new Map();
      for (const p of page) {
        yield [
          p.id,
          p.title,
          CATEGORY[p.category][language],
          p.parentId ? parents.get(p.parentId) ?? null : null,
          p.ownerPositionId ? names.get(p.ownerPositionId) ?? null : null,
          p.publishedVersion,
          p.publishedAt,
          p.nextReviewAt,
          isReviewDue(p.nextReviewAt),
          p.description,
        ];
      }
    }
  },
};

const LETTER_NAMES = {
  R: { en: "Responsible", de: "Durchführend" },
  A: { en: "Accountable", de: "Verantwortlich" },
  C: { en: "Consulted", de: "Beratend" },
  I: { en: "Informed", de: "Informiert" },
} as const;

const raciList: ListExporter = {
  kind: "list",
  name: "raci",
  title: { en: "RACI", de: "RACI" },
  params: {
    process: { description: "The process id", required: true },
    source: { description: "published (default) or draft (modelers)", required: false },
  },
  columns: [
    {
      key: "lane",
      header: { en: "Lane", de: "Bahn" },
      type: "text",
      width: 24,
      source: "process_steps.lane_name",
    },
    {
      key: "step",
      header: { en: "Step", de: "Schritt" },
      type: "text",
      width: 40,
      source: "process_steps.label",
    },
    {
      key: "position",
      header: { en: "Position", de: "Stelle" },
      type: "text",
      width: 32,
      source: "process_links.target_id",
    },
    { key: "letters", header: { en: "RACI", de: "RACI" }, type: "text", width: 8 },
    { key: "roles", header: { en: "Roles", de: "Rollen" }, type: "text", width: 36 },
  ],
  async *rows({ scope, plugins, params, role, userId, language }) {
    const source = params.source ?? "published";
    if (!(SOURCES as readonly string[]).includes(source)) {
      throw new ProblemError(422, undefined, "Some fields are not valid; see errors.", {
        errors: [{
          field: "query.source",
          code: "invalid_value",
          message: `one of ${SOURCES.join(", ")}`,
        }],
      });
    }
    if (source === "draft" && !roleAllows(role, "modeler")) {
      const row = await scope.first(processes, eq(processes.id, params.process));
      if (row?.ownerUserId !== userId) {
        throw new ProblemError(403, "role-required", "Draft content needs the role modeler.", {
          action: "processes.write",
          requiredRole: "modeler",
        });
      }
    }
    const matrix = await raciMatrix(scope, params.process, source as "draft", plugins);
    const labels = new Map(matrix.positions.map((p) => [p.id, p.label ?? p.id]));
    for (const step of matrix.steps) {
      for (const [positionId, letters] of Object.entries(step.assignments)) {
        yield [
          step.laneName,
          step.label,
          labels.get(positionId) ?? positionId,
          letters.join(""),
          letters.map((l) => LETTER_NAMES[l][language]).join(", "),
        ];
      }
    }
  },
};

export const processExporters: ListExporter[] = [processList, raciList];
