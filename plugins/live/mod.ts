// The live plugin: co-editing a draft in real time. Yjs documents per draft, synced with the
// y-protocols sync and awareness messages over a WebSocket (as y-websocket speaks them):
// POST /api/v1/live/tickets gives a WebSocket URL with a single-use ticket; the room writes
// the shared document into the draft through the processes plugin (validation, versions,
// audit). On Deno the rooms live in the server process, on Workers in Durable Objects.
// docs/live.md explains how it works.
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { EDIT_ROLE } from "./access.ts";
import { type LiveOptions, roomsFor } from "./live_server.ts";
import { liveTables } from "./schema.ts";
import { registerSocketRoutes } from "./socket_routes.ts";
import { registerTicketRoutes } from "./ticket_routes.ts";

export type { LiveOptions } from "./live_server.ts";
export { LiveRoomObject } from "./durable_object.ts";

/** The plugin with its default timing (tests and benches pass shorter ones). */
export function createLivePlugin(options: LiveOptions = {}): ProcedoPlugin {
  return {
    name: "live",
    description: "Live co-editing of drafts (Yjs over WebSockets)",
    tables: liveTables,
    // The shared document holds the diagram only; who is connected is never stored.
    personalData: { live_documents: [] },
    permissions: { "live.edit": EDIT_ROLE },
    // A live session is a person at an editor: keys and applications save through the API.
    personOnly: ["live.edit"],
    dependsOn: ["processes"],
    rawRoutes: (app, deps) => registerSocketRoutes(app, deps, () => roomsFor(deps, options)),
    routes: (app, deps) => registerTicketRoutes(app, deps),
  };
}

export const livePlugin: ProcedoPlugin = createLivePlugin();
