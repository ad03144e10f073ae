// Routes opened by a signed link (links.ts) instead of a session: the workspace is locked or
// gone when they are used. They answer only what the link names; a tampered link is 403, an
// expired one 410.
import type { Hono } from "hono";
import type { AppEnv } from "../../api/env.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { ProblemError } from "../../api/problem.ts";
import { jobById, presentJob } from "./jobs.ts";
import { checkLink } from "./links.ts";
import { documentOf, protocolById } from "./protocol.ts";
import { protocolPdf } from "./protocol_pdf.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => new ProblemError(404, undefined, "Nothing is here any more.");
const NO_STORE = { "cache-control": "no-store" };

export function registerSignedRoutes(app: Hono<AppEnv>, deps: PluginDeps) {
  app.get("/signed/jobs/:id", async (c) => {
    const id = c.req.param("id");
    await checkLink(deps, "job", id, c.req.query());
    const job = await jobById(deps, id);
    if (!job) throw notFound();
    return c.json(await presentJob(deps, job), 200, NO_STORE);
  });

  app.get("/signed/protocols/:file", async (c) => {
    const [id, format] = c.req.param("file").split(/\.(?=[a-z]+$)/);
    if (!UUID.test(id ?? "") || (format !== "json" && format !== "pdf")) throw notFound();
    await checkLink(deps, "protocol", id, c.req.query());
    const row = await protocolById(deps, id);
    if (!row) throw notFound();
    const disposition = `attachment; filename="deletion-protocol-${id}.${format}"`;
    if (format === "json") {
      return new Response(row.document, {
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": disposition,
          "x-content-sha256": row.sha256,
          ...NO_STORE,
        },
      });
    }
    const pdf = await protocolPdf(documentOf(row), row.sha256);
    return new Response(pdf as BodyInit, {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": disposition,
        ...NO_STORE,
      },
    });
  });
}
