// BPMN 2.0 over HTTP: download a draft or version as a .bpmn file, import a file into the
// draft (If-Match required), or parse one without saving (the editor's preview). XML bodies
// are read as bytes here — @hono/zod-openapi validates JSON bodies only — so the content
// type (415), the size (413) and the XML itself (422 naming line and column) are checked by
// hand, in that order, before anything is saved.
import { readBody } from "../../api/http/body.ts";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { etagOf } from "../../api/http/preconditions.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../api/problem.ts";
import { exportBpmn } from "./bpmn_export.ts";
import {
  BPMN_MAX_BYTES,
  decodeBpmn,
  importBpmn,
  type ImportResult,
  tooLarge,
} from "./bpmn_import.ts";
import {
  DraftSchema,
  ETagHeader,
  IdParam,
  IfMatchHeaders,
  json,
  requireDraftAccess,
} from "./draft_api_schemas.ts";
import { expectedVersionOf, getDraft, saveDraft } from "./draft_service.ts";
import { type Graph, GraphSchema, NODE_TYPES } from "./graph_schema.ts";
import { getProcessRow } from "./landscape_service.ts";
import { getVersion } from "./publish_service.ts";
import { xmlSafeText } from "./xml_chars.ts";
import { XML_LIMITS } from "./xml_limits.ts";

const XML_TYPES = ["application/xml", "text/xml"] as const;

const xmlLimitsText = `at most ${XML_LIMITS.depth} levels deep, ${XML_LIMITS.elements} ` +
  `elements, ${XML_LIMITS.attributesPerElement} attributes per element and ` +
  `${XML_LIMITS.references} entity or character references`;

const BpmnFile = z.string().openapi({
  format: "binary",
  description:
    `A BPMN 2.0 XML file (UTF-8, or the encoding its XML declaration names), at most ${BPMN_MAX_BYTES} bytes`,
});
const xmlBody = {
  required: true,
  content: Object.fromEntries(XML_TYPES.map((t) => [t, { schema: BpmnFile }])),
};

const ReportItem = z.object({
  element: z.string().openapi({ example: "bpmn:boundaryEvent" }),
  id: z.string().optional(),
  name: z.string().optional(),
  line: z.number().int().optional().openapi({ description: "1-based line in the file" }),
  column: z.number().int().optional(),
  reason: z.string().optional(),
}).openapi("BpmnReportItem");

const BpmnImportReport = z.object({
  unsupported: z.array(ReportItem).openapi({
    description: "Elements that were not imported (never dropped silently)",
  }),
  mapped: z.array(ReportItem.extend({ as: z.enum(NODE_TYPES) })).openapi({
    description: "Elements imported as a close match, e.g. a user task as a task",
  }),
  warnings: z.array(z.object({
    code: z.string().openapi({ example: "id-changed" }),
    message: z.string(),
    id: z.string().optional(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
  })),
  layout: z.enum(["file", "auto", "grid"]).openapi({
    description: "The diagram comes from the file, from auto-layout, or from a simple grid",
  }),
  pools: z.array(z.object({
    id: z.string().openapi({ description: "The participant id; pass it as `pool` to import it" }),
    name: z.string(),
    nodes: z.number().int().openapi({ description: "Flow nodes of its process" }),
    chosen: z.boolean().openapi({ description: "The pool this import took" }),
  })).optional().openapi({
    description: "A collaboration's pools, when it has more than one: one is imported",
  }),
}).openapi("BpmnImportReport");

const PoolQuery = z.object({
  pool: z.string().min(1).max(200).optional().openapi({
    description: "The participant id of the pool to import (see the report's `pools`); " +
      "by default the first pool with content",
    example: "Participant_1c4u0vn",
  }),
});

const BpmnParseResult = z.object({ graph: GraphSchema, report: BpmnImportReport })
  .openapi("BpmnParseResult");
const BpmnImportResult = z.object({ draft: DraftSchema, report: BpmnImportReport })
  .openapi("BpmnImportResult");

const VersionQuery = z.object({
  version: z.string().regex(/^(draft|published|[1-9][0-9]{0,6})$/, {
    error: "a version number, draft or published",
  }).default("draft").openapi({
    description: "A version number, `published` (the newest) or `draft` (modelers; the default)",
    example: "draft",
  }),
});

const exportRoute = createRoute({
  method: "get",
  path: "/{id}/bpmn",
  operationId: "exportProcessBpmn",
  summary: "Download the draft or a version as BPMN 2.0 XML",
  description: "One pool with a lane set, BPMN DI, and RACI, links, durations and " +
    "descriptions as Procedo extension elements, so importing the file gives the same model. " +
    "The draft needs a modeler; its download carries the draft's ETag for a later import.",
  "x-permission": "processes.read",
  request: { params: IdParam, query: VersionQuery },
  responses: {
    200: {
      description: "The BPMN file",
      headers: {
        "Content-Disposition": {
          schema: { type: "string" as const },
          description: "attachment; filename=<the process title>.bpmn",
        },
        ETag: { schema: { type: "string" as const }, description: "The draft's version (drafts)" },
      },
      content: { "application/xml": { schema: BpmnFile } },
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

const importRoute = createRoute({
  method: "post",
  path: "/{id}/draft/bpmn",
  operationId: "importDraftBpmn",
  summary: "Import a BPMN 2.0 file into the draft (If-Match required)",
  description: "Replaces the draft's graph with the file's process (Procedo, Camunda Modeler, " +
    "bpmn.io, Signavio). A collaboration with several pools imports one: `pool` chooses it " +
    "(422 bpmn-pool naming the known ones otherwise); the report lists the pools and names " +
    "every message flow, which a single pool cannot hold. Elements we do not model are listed in the report; files without a diagram " +
    `are laid out. Files over ${BPMN_MAX_BYTES} bytes or over the graph limits are 413; ` +
    `so are files beyond the XML limits (${xmlLimitsText}: 413 xml-limit naming the limit, ` +
    "the value found, line and column). XML errors and DOCTYPE declarations are 422 " +
    "bpmn-invalid naming line and column.",
  "x-permission": "processes.write",
  request: { params: IdParam, query: PoolQuery, headers: IfMatchHeaders, body: xmlBody },
  responses: {
    200: { description: "Imported", headers: ETagHeader, content: json(BpmnImportResult) },
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
  },
});

const parseRoute = createRoute({
  method: "post",
  path: "/bpmn/parse",
  operationId: "parseBpmn",
  summary: "Parse a BPMN 2.0 file into a graph without saving (preview)",
  description: `The same checks as the import: 413 beyond ${BPMN_MAX_BYTES} bytes, the XML ` +
    `limits (${xmlLimitsText}) or the graph limits; 422 for XML errors and DOCTYPEs.`,
  "x-permission": "processes.read",
  request: { query: PoolQuery, body: xmlBody },
  responses: {
    200: { description: "The graph and the import report", content: json(BpmnParseResult) },
    ...problemResponses(401, 403, 413, 415, 422),
  },
});

export function registerBpmnRoutes(app: OpenAPIHono<AppEnv>, _deps: PluginDeps) {
  app.openapi(parseRoute, async (c) => {
    const result = await importBody(c, c.req.valid("query").pool);
    return c.json(result, 200);
  });

  app.openapi(exportRoute, async (c) => {
    const { id } = c.req.valid("param");
    const ref = c.req.valid("query").version;
    let graph: Graph;
    let title: string;
    const headers: Record<string, string> = {};
    if (ref === "draft") {
      requireDraftAccess(c);
      const [process, draft] = await Promise.all([
        getProcessRow(c.var.scope, id),
        getDraft(c.var.scope, id),
      ]);
      graph = draft.graph;
      title = process.title;
      headers.ETag = etagOf(draft.version);
    } else {
      let number = Number(ref);
      if (ref === "published") {
        number = (await getProcessRow(c.var.scope, id)).publishedVersion;
        if (number === 0) {
          throw new ProblemError(404, undefined, `Process ${id} has no published version yet.`);
        }
      }
      const version = await getVersion(c.var.scope, id, number);
      graph = version.graph;
      title = version.title;
    }
    const xml = await exportBpmn(graph, { processId: id, title });
    return c.body(xml, 200, {
      ...headers,
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": contentDisposition(title, ref),
    });
  });

  app.openapi(importRoute, async (c) => {
    const { id } = c.req.valid("param");
    requireXml(c);
    const expectedVersion = expectedVersionOf(c.req.header("if-match"));
    await getProcessRow(c.var.scope, id); // 404 before the file is read
    const { graph, report } = await importBody(c, c.req.valid("query").pool);
    const draft = await saveDraft(c.var.scope, id, graph, {
      expectedVersion,
      actorId: c.var.principal!.userId,
    });
    return c.json({ draft, report }, 200, { ETag: etagOf(draft.version) });
  });
}

/** 415 unless the body is declared as XML. */
function requireXml(c: Context<AppEnv>) {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!(XML_TYPES as readonly string[]).includes(type)) {
    throw new ProblemError(
      415,
      undefined,
      `Send the BPMN file as ${XML_TYPES.join(" or ")}${type ? `, not ${type}` : ""}.`,
    );
  }
}

/** Reads, decodes and imports the XML body: 415, 413, 422 in that order. */
async function importBody(c: Context<AppEnv>, pool?: string): Promise<ImportResult> {
  requireXml(c);
  const declared = Number(c.req.header("content-length"));
  if (Number.isFinite(declared) && declared > BPMN_MAX_BYTES) throw tooLarge(declared);
  const bytes = await readBody(
    c.req.raw.body,
    BPMN_MAX_BYTES,
    tooLarge,
    Number.isFinite(declared) ? declared : undefined,
  );
  if (!bytes.length) {
    throw new ProblemError(422, "bpmn-invalid", "The body is empty; send a BPMN 2.0 file.");
  }
  return await importBpmn(await decodeBpmn(bytes), { pool });
}

/** attachment; filename="Order handling.bpmn"; filename*=UTF-8''…, from the title. */
function contentDisposition(title: string, ref: string): string {
  // Without lone surrogates (encodeURIComponent throws on them) and control characters.
  const base = `${xmlSafeText(title).trim() || "process"}${ref === "draft" ? "" : ` v${ref}`}`;
  const ascii = base.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 ._()-]+/g, "_").replace(/_+/g, "_").slice(0, 120).trim() || "process";
  // Cut by code points: half an emoji would be a lone surrogate again.
  const utf8 = encodeURIComponent(`${[...base].slice(0, 120).join("")}.bpmn`).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.bpmn"; filename*=UTF-8''${utf8}`;
}
