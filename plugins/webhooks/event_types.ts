// The event types an endpoint can subscribe to: what the plugins publish through
// api/events.ts, plus this plugin's own. "ping" is sent only by POST /{id}/test.
export const EVENT_TYPES = [
  "process.published",
  "approval.requested",
  "approval.decided",
  "review.due",
  "problem.reported",
  "comment.created",
  "tenant.export.ready",
  "webhook.disabled",
] as const;

export type EventType = typeof EVENT_TYPES[number];

export const PING = "ping";
