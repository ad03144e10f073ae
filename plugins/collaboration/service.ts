// The collaboration plugin's public face: what other plugins may use.
export type { NewNotification } from "./notify.ts";
export { notify } from "./notify.ts";
export type { Category, Channel } from "./schema.ts";
export type { InboxItem } from "./inbox_service.ts";
