// The extension point "archive.files": plugins add files of their own making to the tenant
// archive (the processes plugin its published versions as BPMN), yielded one at a time so
// that a tenant with thousands of them is written in flat memory.
import type { TenantHookContext } from "../plugin.ts";

export const ARCHIVE_FILES_POINT = "archive.files";

export interface ArchiveFile {
  /** A relative path with "/" between folders, e.g. "bpmn/<process id>/v3.bpmn". */
  path: string;
  content: string | Uint8Array;
}

/** What a plugin contributes under `contributes: { "archive.files": … }`. */
export interface ArchiveFiles {
  files(ctx: TenantHookContext): AsyncIterable<ArchiveFile>;
}

/** Paths the core writes itself; a contribution naming one of these is refused. */
const RESERVED =
  /^(manifest\.json|tenant\.json|audit\.jsonl|audit-anchors\.jsonl|tables\/|files\/)/;
const PATH = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Throws unless `path` is a plain relative path outside the core's own files. */
export function checkContributedPath(path: string): void {
  if (!PATH.test(path) || path.split("/").some((s) => s === "..") || RESERVED.test(path)) {
    throw new Error(`an archive.files contribution names the path ${JSON.stringify(path)}`);
  }
}
