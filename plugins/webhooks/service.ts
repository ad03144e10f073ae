// Webhooks: what other plugins may use. They publish events through api/events.ts (the
// plugin listens to "core.events"); the event types endpoints may subscribe to are these.
export { EVENT_TYPES, type EventType } from "./event_types.ts";
