// Domain events: something happened in a tenant (a process was published, a problem was
// reported) that outside systems may want to hear of. Whoever causes it calls publishEvent()
// inside the write transaction that causes it, so an event exists exactly when its cause
// committed; every contribution to the extension point "core.events" receives it (the
// webhooks plugin queues deliveries in the same transaction). The core names no event and no
// listener. Payloads carry ids and titles, never personal data beyond the acting user's id.
import type { TenantScope } from "./db/tenant_scope.ts";
import { uuidv7 } from "./db/ids.ts";
import { contributionsTo, type PluginDeps } from "./plugin.ts";

export const EVENTS_POINT = "core.events";

/** What the emitter says: a dotted type ("process.published") and its data. */
export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The event as listeners receive it: with its id and time. */
export interface DomainEvent extends NewEvent {
  /** UUIDv7, unique per event. */
  id: string;
  occurredAt: Date;
}

/** A contribution to "core.events". */
export interface EventListener {
  /**
   * Handles one event inside the emitter's transaction (`scope` is bound to it): write only
   * through `scope`; throwing rolls the cause back with it, so keep it to writes.
   */
  handle(scope: TenantScope, deps: PluginDeps, event: DomainEvent): Promise<void>;
}

/** Hands `event` to every listener of "core.events"; returns it with its id and time. */
export async function publishEvent(
  scope: TenantScope,
  deps: PluginDeps,
  event: NewEvent,
): Promise<DomainEvent> {
  const published: DomainEvent = { ...event, id: uuidv7(), occurredAt: new Date() };
  for (const listener of contributionsTo<EventListener>(deps.plugins, EVENTS_POINT)) {
    await listener.handle(scope, deps, published);
  }
  return published;
}
