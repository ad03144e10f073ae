// What an instance remembers per tenant to keep the request path short: verified identities
// and read responses, both tied to the tenant's data version (see version.ts).
import type { Cache } from "../cache/port.ts";
import type { Logger } from "../log.ts";
import { Identities } from "./identities.ts";
import { ResponseCache } from "./responses.ts";
import { createTenantVersions, type TenantVersions } from "./version.ts";

export { Identities } from "./identities.ts";
export { ResponseCache, tenantResponses } from "./responses.ts";
export type { TenantVersions } from "./version.ts";

export interface TenantCache {
  versions: TenantVersions;
  identities: Identities;
  responses: ResponseCache;
}

export function createTenantCache(
  cache: Cache,
  opts: { responseBytes: number; logger?: Logger },
): TenantCache {
  return {
    versions: createTenantVersions(cache, opts.logger),
    identities: new Identities(),
    responses: new ResponseCache(opts.responseBytes),
  };
}
