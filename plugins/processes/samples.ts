// Sample content for a new tenant. OWNER: landscape work (stub).
import type { TenantHookContext } from "../../api/plugin.ts";

/** Seeds a small landscape: three processes with lanes, RACI and links. */
export async function seedProcesses(_ctx: TenantHookContext): Promise<void> {
}
