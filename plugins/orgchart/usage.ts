// Where processes use positions and org units: deleting one that is used is refused with 409
// listing the processes, unless the caller asks to unlink it everywhere (the processes'
// drafts are then saved without it, which shows in their history). The processes plugin
// does the work for every plugin owning such objects.
export type { ProcessUsage, UnlinkResult } from "../processes/service.ts";
export { releaseFromProcesses } from "../processes/service.ts";
