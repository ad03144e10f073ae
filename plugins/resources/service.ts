// The resources plugin's domain logic, and its public face: the only file other plugins may
// import. Every function takes the caller's TenantScope and the kind's spec (kinds.ts);
// another tenant's resources do not exist for it (404).
export type { FieldSpec, FieldValues, KindSpec } from "./kinds.ts";
export { DOCUMENT, KINDS, kindSpec, LOCATION, REQUIREMENT, SYSTEM } from "./kinds.ts";
export type { ListQuery, Resource, ResourceInput } from "./resource_service.ts";
export {
  createResource,
  deleteResource,
  getResource,
  listResources,
  RESOURCE_LIMIT,
  resourceFacets,
  resourceUsage,
  updateResource,
} from "./resource_service.ts";
export { importColumns, importResources } from "./import.ts";
export { resourceTargets } from "./link_targets.ts";
export { SAMPLE_RESOURCES, seedResources } from "./samples.ts";
export type { ResourceKind } from "./schema.ts";
export { RESOURCE_KINDS } from "./schema.ts";
