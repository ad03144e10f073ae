// The live plugin's state in one app instance: its rooms and their settings. routes() and
// rawRoutes() receive the same deps object, so both find the same server through it.
import type { PluginDeps } from "../../api/plugin.ts";
import { createLogger } from "../../api/log.ts";
import { createTenantVersions } from "../../api/tenant_cache/version.ts";
import { DEFAULT_TIMING } from "./draft_sync.ts";
import type { RoomTiming } from "./room.ts";
import { LiveRooms } from "./rooms.ts";

export const DEFAULT_ROOM_TIMING: RoomTiming = { ...DEFAULT_TIMING, recheckMs: 30_000 };

export interface LiveOptions {
  timing?: Partial<RoomTiming>;
  /** How long an empty room stays open. */
  graceMs?: number;
}

const servers = new WeakMap<PluginDeps, LiveRooms>();

/** The rooms of the app `deps` belongs to (made on first use). */
export function roomsFor(deps: PluginDeps, options: LiveOptions = {}): LiveRooms {
  let rooms = servers.get(deps);
  if (!rooms) {
    const logger = createLogger(deps.config.logLevel);
    rooms = new LiveRooms({
      db: deps.db,
      versions: createTenantVersions(deps.cache, logger),
      logger,
      timing: { ...DEFAULT_ROOM_TIMING, ...options.timing },
    }, options.graceMs);
    servers.set(deps, rooms);
  }
  return rooms;
}
