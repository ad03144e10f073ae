// The processes plugin's public face: what other plugins may use.
export type { LinkTargetProvider } from "./link_targets.ts";
export { LINK_TARGETS_POINT } from "./link_targets.ts";
export type { LinkRelation, LinkTargetKind } from "./schema.ts";
export type { LinkKind } from "./graph_schema.ts";
export type { ProcessUsage, Usage, UsageOptions, UsagePage } from "./raci.ts";
export { responsibilitiesOf, whereUsed } from "./raci.ts";
export type { UnlinkResult } from "./unlink.ts";
export { releaseFromProcesses, unlinkEverywhere } from "./unlink.ts";
export type { Process, TreeNode } from "./landscape_service.ts";
export { getProcess, processTitles, processTree } from "./landscape_service.ts";
export type { SearchHit, SearchResult } from "./search.ts";
export { searchProcesses } from "./search.ts";
export type { SampleLinks } from "./sample_binding.ts";
export { bindSampleLinks, bindSamplePositions } from "./sample_binding.ts";
export { UnlinkResultSchema, UsagePageSchema } from "./usage_schemas.ts";
