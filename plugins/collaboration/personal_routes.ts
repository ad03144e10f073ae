// The caller's own things: /inbox, /notifications (list, unread count, mark read) and
// /settings. People only: API keys and applications have no inbox (403 user-required).
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../api/env.ts";
import { pageOf } from "../../api/http/paging.ts";
import { mailEnabled } from "../../api/mail/mod.ts";
import type { PluginDeps } from "../../api/plugin.ts";
import { problemResponses } from "../../api/problem.ts";
import { actorOf } from "./access.ts";
import {
  InboxSchema,
  json,
  MarkRead,
  NotificationSchema,
  NotificationsQuery,
  SettingsInput,
  SettingsSchema,
} from "./api_schemas.ts";
import { inboxOf } from "./inbox_service.ts";
import * as notifications from "./notifications_service.ts";
import { getSettings, saveSettings } from "./settings_service.ts";
import { languageOf } from "./texts.ts";

const LanguageHeader = z.object({
  "accept-language": z.string().optional().openapi({ description: "de or en for the titles" }),
});

const inbox = createRoute({
  method: "get",
  path: "/inbox",
  operationId: "getInbox",
  summary: "What waits for you: approvals, reviews, problems assigned to you, mentions, replies",
  description: "Each item has its `kind`, a `title` naming the process and the item (in the " +
    "language of Accept-Language) and a `link` to where it is handled in the web app.",
  "x-permission": "collaboration.personal",
  request: { headers: LanguageHeader },
  responses: {
    200: { description: "Your inbox, newest first", content: json(InboxSchema) },
    ...problemResponses(401, 403),
  },
});

const list = createRoute({
  method: "get",
  path: "/notifications",
  operationId: "listNotifications",
  summary: "Your notifications, newest first",
  description:
    "Your notifications, newest first, optionally only unread ones, in the language of " +
    "Accept-Language, paged. People only (not API keys).",
  "x-permission": "collaboration.personal",
  request: { query: NotificationsQuery, headers: LanguageHeader },
  responses: {
    200: {
      description: "A page of notifications",
      content: json(pageOf(NotificationSchema, "NotificationPage")),
    },
    ...problemResponses(401, 403, 422),
  },
});

const unread = createRoute({
  method: "get",
  path: "/notifications/unread-count",
  operationId: "getUnreadNotificationCount",
  summary: "How many of your notifications are unread",
  description:
    "The number of your unread notifications, for the badge in the app. People only (not API " +
    "keys).",
  "x-permission": "collaboration.personal",
  responses: {
    200: {
      description: "The count",
      content: json(z.object({ count: z.number().int() }).openapi("UnreadCount")),
    },
    ...problemResponses(401, 403),
  },
});

const read = createRoute({
  method: "post",
  path: "/notifications/read",
  operationId: "markNotificationsRead",
  summary: "Mark notifications read: by id, by the item they are about, or all",
  description:
    "Marks notifications read by their ids, by the item they are about, or all of them. People " +
    "only (not API keys).",
  "x-permission": "collaboration.personal",
  request: { body: { required: true, content: json(MarkRead) } },
  responses: {
    200: {
      description: "How many were marked",
      content: json(z.object({ updated: z.number().int() }).openapi("NotificationsMarked")),
    },
    ...problemResponses(400, 401, 403, 415, 422),
  },
});

const getSettingsRoute = createRoute({
  method: "get",
  path: "/settings",
  operationId: "getNotificationSettings",
  summary: "Your notification settings",
  description:
    "Which events notify you in the app and by e-mail, and how often e-mails are sent. People " +
    "only (not API keys).",
  "x-permission": "collaboration.personal",
  responses: {
    200: { description: "Your settings", content: json(SettingsSchema) },
    ...problemResponses(401, 403),
  },
});

const putSettings = createRoute({
  method: "put",
  path: "/settings",
  operationId: "updateNotificationSettings",
  summary: "Change your notification settings (what you name; the rest stays)",
  description: "Per category: `immediately` (a mail each time), `daily` (one summary a day) " +
    "or `off` (in the app only). Mail needs an address.",
  "x-permission": "collaboration.personal",
  request: { body: { required: true, content: json(SettingsInput) } },
  responses: {
    200: { description: "Your settings", content: json(SettingsSchema) },
    ...problemResponses(400, 401, 403, 415, 422),
  },
});

export function registerPersonalRoutes(app: OpenAPIHono<AppEnv>, deps: PluginDeps) {
  const withMail = <T>(s: T) => ({ ...s, mailEnabled: mailEnabled(deps.config) });
  app.openapi(inbox, async (c) => {
    const items = await inboxOf(
      c.var.scope,
      actorOf(c.var.principal!),
      languageOf(c.req.header("accept-language")),
    );
    return c.json({ items, count: items.length }, 200);
  });
  app.openapi(unread, async (c) => {
    return c.json(
      { count: await notifications.unreadCount(c.var.scope, c.var.principal!.userId) },
      200,
    );
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await notifications.listNotifications(
        c.var.scope,
        c.var.principal!.userId,
        { unread: q.unread === "true", limit: q.limit, offset: q.offset },
        languageOf(c.req.header("accept-language")),
      ),
      200,
    );
  });
  app.openapi(read, async (c) => {
    const body = c.req.valid("json");
    return c.json(
      { updated: await notifications.markRead(c.var.scope, c.var.principal!.userId, body) },
      200,
    );
  });
  app.openapi(getSettingsRoute, async (c) => {
    return c.json(withMail(await getSettings(c.var.scope, c.var.principal!.userId)), 200);
  });
  app.openapi(putSettings, async (c) => {
    return c.json(
      withMail(await saveSettings(c.var.scope, c.var.principal!.userId, c.req.valid("json"))),
      200,
    );
  });
}
