// The processes plugin's public face: what other plugins may use.
export type { LinkTargetProvider } from "./link_targets.ts";
export { LINK_TARGETS_POINT } from "./link_targets.ts";
export type { LinkRelation, LinkTargetKind } from "./schema.ts";
