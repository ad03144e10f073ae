// The processes plugin's files for the tenant archive (the core's extension point
// "archive.files"): every published version as BPMN 2.0 XML, bpmn/<process id>/v<N>.bpmn,
// read a few versions at a time so a large landscape is written in flat memory.
import { keysetPages } from "../../api/db/keyset.ts";
import type { ArchiveFile, ArchiveFiles } from "../../api/tenant_archive/contributions.ts";
import { exportBpmn } from "./bpmn_export.ts";
import { processVersions } from "./schema.ts";

export const bpmnArchiveFiles: ArchiveFiles = {
  async *files({ scope }): AsyncGenerator<ArchiveFile> {
    const pages = keysetPages(scope, processVersions, {
      key: processVersions.processId,
      id: processVersions.number,
      pageSize: 20,
    });
    for await (const page of pages) {
      for (const v of page) {
        yield {
          path: `bpmn/${v.processId}/v${v.number}.bpmn`,
          content: await exportBpmn(v.graph, { processId: v.processId, title: v.title }),
        };
      }
    }
  },
};
