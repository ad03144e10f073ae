// Erasing a person (GDPR Art. 17) over HTTP: an executive erases an employee or a user of
// the workspace and gets the deletion protocol's summary with its signed links.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { json } from "../../api/http/content.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { erasePerson } from "./erase.ts";
import { addDays, LINK_DAYS, signedLink } from "./links.ts";

export const EraseRequest = z.strictObject({
  kind: z.enum(["employee", "user"]).openapi({
    description: "An employee of the org chart or a user of the workspace",
  }),
  id: z.string().uuid({ error: "must be an id (UUID)" }),
  confirm: z.literal(true, { error: "must be true: erasing cannot be undone" }),
}).openapi("ErasePersonRequest");

export const ErasureSummary = z.object({
  id: z.string().uuid().openapi({ description: "The deletion protocol's id" }),
  person: z.object({
    kind: z.enum(["employee", "user"]),
    id: z.string().uuid(),
    pseudonym: z.string().openapi({ description: "A pseudonymous id, also in the protocol" }),
    displayName: z.string().openapi({ description: "What is shown now, e.g. Former user 3f9a2c" }),
  }),
  changed: z.array(z.object({ table: z.string(), rows: z.number().int() })),
  hooks: z.array(z.string()).openapi({ description: "Plugins whose onPersonErase hook ran" }),
  verification: z.array(z.object({ table: z.string(), remaining: z.number().int() })).openapi({
    description: "Per personal-data column (table.column): rows still holding a former name " +
      "or address of the person (expected 0)",
  }),
  verified: z.boolean(),
  sha256: z.string().openapi({ description: "SHA-256 of the protocol, also in the audit chain" }),
  jsonUrl: z.string().openapi({ description: "The protocol as JSON, signed, valid 90 days" }),
  pdfUrl: z.string().openapi({ description: "The protocol as PDF, signed, valid 90 days" }),
}).openapi("ErasureSummary");

const erase = createRoute({
  method: "post",
  path: "/people/erase",
  operationId: "erasePerson",
  summary: "Erase a person (GDPR Art. 17)",
  description: "Anonymises an employee or a user in one transaction: every personal-data " +
    'column of the person\'s row is overwritten (names become "Former employee …" or ' +
    '"Former user …"), a user is deactivated and can never sign in as that row again, and ' +
    "every plugin removes what else it holds (position holdings, mentions, notification " +
    "preferences). Content keeps its pseudonymous author; responsibilities stay on the " +
    "positions. Writes a deletion protocol whose verification counts the rows still holding " +
    "the former values. 409 for oneself, the last active executive or someone already erased.",
  "x-permission": "deletion.erase",
  request: { body: { required: true, content: json(EraseRequest) } },
  responses: {
    200: { description: "Erased; the protocol's summary", content: json(ErasureSummary) },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export function registerEraseRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(erase, async (c) => {
    const { kind, id } = c.req.valid("json");
    const { protocol, sha256 } = await erasePerson(
      deps,
      c.var.scope!,
      { kind, id },
      c.var.principal!.userId!,
    );
    // The workspace's own chain records the erasure with the protocol's hash (ids only).
    c.set("auditDetails", { kind, personId: id, protocolId: protocol.id, sha256 });
    const jsonUrl = await signedLink(
      deps,
      "protocol",
      protocol.id,
      addDays(new Date(protocol.finishedAt), LINK_DAYS.protocol),
    );
    return c.json({
      id: protocol.id,
      person: protocol.person,
      changed: protocol.deleted.map(({ table, rows }) => ({ table, rows })),
      hooks: protocol.hooks,
      verification: protocol.verification,
      verified: protocol.verified,
      sha256,
      jsonUrl,
      pdfUrl: jsonUrl.replace(".json?", ".pdf?"),
    }, 200);
  });
}
