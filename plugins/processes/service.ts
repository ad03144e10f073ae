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
// For the ai plugin: drafts, versions, the graph and its validation, layout and diff.
export type { Draft } from "./draft_service.ts";
export { expectedVersionOf, getDraft, saveDraft } from "./draft_service.ts";
export type { Version } from "./publish_service.ts";
export { getVersion, listVersions } from "./publish_service.ts";
export type { Edge, Graph, Lane, ProcessNode } from "./graph_schema.ts";
export { GRAPH_LIMITS, GraphSchema } from "./graph_schema.ts";
export type { Finding as ValidationFinding } from "./graph_validate.ts";
export {
  summarize as summarizeFindings,
  validateGraph,
  validationContext,
} from "./graph_validate.ts";
export { layoutGraph, NODE_SIZES } from "./layout.ts";
export { diffGraphs } from "./graph_core/diff.ts";
export { linkTargetProviders } from "./link_targets.ts";
export { createProcess } from "./landscape_service.ts";
export { DraftSchema } from "./draft_api_schemas.ts";
