// GET /handbook.pdf?root=: the handbook of a landscape branch (the process `root` and every
// process below it) or of the whole landscape, published versions only.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../../api/env.ts";
import type { PluginDeps } from "../../../api/plugin.ts";
import { ProblemError, problemResponses } from "../../../api/problem.ts";
import { processTree, type TreeNode } from "../../processes/service.ts";
import { serverFonts } from "../fonts.ts";
import { handbookPdf } from "../pdf/handbook.ts";
import { processSource } from "../process_source.ts";
import { languageOf, wordsFor } from "../words.ts";
import { binary, dispositionHeader, download, fileName, LangQuery } from "./file_route.ts";

/** More would make a download of minutes; the landscape's branches are the way to split. */
export const HANDBOOK_LIMIT = 300;

const handbookRoute = createRoute({
  method: "get",
  path: "/handbook.pdf",
  operationId: "exportHandbookPdf",
  summary: "Download the process handbook (PDF)",
  description: "Cover, table of contents with page numbers, bookmarks, one section per " +
    "published process of the branch below `root` (or of the whole landscape), headers and " +
    `footers. At most ${HANDBOOK_LIMIT} processes.`,
  "x-permission": "exports.read",
  request: {
    query: z.object({
      root: z.string().uuid({ error: "must be a process id (UUID)" }).optional().openapi({
        description: "The landscape node (a process) whose branch the handbook covers",
      }),
      lang: LangQuery,
    }),
  },
  responses: {
    200: {
      description: "The handbook",
      headers: dispositionHeader,
      content: { "application/pdf": { schema: binary("The handbook") } },
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

export function registerHandbookRoute(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  app.openapi(handbookRoute, async (c) => {
    const { root } = c.req.valid("query");
    const language = languageOf(c);
    const t = wordsFor(language);
    const forest = await processTree(c.var.scope);
    let branch: TreeNode[] = forest;
    let rootTitle: string | undefined;
    if (root) {
      const found = find(forest, root);
      if (!found) throw new ProblemError(404, undefined, `No process ${root}.`);
      branch = [found];
      rootTitle = found.title;
    }
    const order: { node: TreeNode; depth: number }[] = [];
    const walk = (list: TreeNode[], depth: number) => {
      for (const n of list) {
        if (n.publishedVersion > 0) order.push({ node: n, depth });
        walk(n.children, depth + (n.publishedVersion > 0 ? 1 : 0));
      }
    };
    walk(branch, 0);
    if (order.length > HANDBOOK_LIMIT) {
      throw new ProblemError(
        413,
        "too-large",
        `The handbook would hold ${order.length} processes; at most ${HANDBOOK_LIMIT}. Choose a branch (root).`,
      );
    }
    const sections = [];
    for (const { node, depth } of order) {
      sections.push({ depth, source: await processSource(c, node.id, "published", deps.plugins) });
    }
    const title = rootTitle ? t("handbookOf", { name: rootTitle }) : t("handbook");
    const pdf = await handbookPdf({
      title,
      subtitle: c.var.tenant?.name ?? "",
      sections,
    }, { fonts: await serverFonts(), language, words: t });
    return new Response(pdf as Uint8Array<ArrayBuffer>, {
      headers: download("application/pdf", fileName(title, "pdf")),
    }) as never;
  });
}

function find(list: TreeNode[], id: string): TreeNode | undefined {
  const stack = [...list];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    stack.push(...n.children);
  }
  return undefined;
}
