// The Durable Object classes of the shipped plugins. Workers look them up among the main
// module's exports, so api/worker.ts re-exports this file (wrangler.toml binds them).
export { LiveRoomObject } from "./live/mod.ts";
