// The pages of the app. One entry per page: its path, its title, the element that renders
// it (loaded on first visit, so the shell stays small) and, for pages in the navigation
// rail, the icon. Adding a page is adding its line here; the rail shows every entry with
// `nav`, in this order, to the roles that reach `minRole`.
import type { IconName } from "../components/icons.ts";
import type { MessageKey } from "../lib/i18n.ts";
import { matchPath } from "../lib/router.ts";
import { prefetchEditor } from "../components/process_editor/editor_api.ts";
import { type Role, roleAllows, session } from "./session.ts";

export interface Route {
  path: string;
  title: MessageKey;
  tag: string;
  load: () => Promise<unknown>;
  /** Starts loading the page's data once someone is signed in (deep links). */
  prefetch?: (params: Record<string, string>) => void;
  minRole?: Role;
  /** Shown in the navigation rail with this icon and label (the label defaults to the title). */
  nav?: {
    icon: IconName;
    label?: MessageKey;
    section?: string;
    href?: string;
    /** Shows the number of inbox items next to the label. */
    badge?: "inbox";
  };
}

const tags = () => import("./pages/tags.ts");
const admin = () => import("./pages/admin.ts");
const processes = () => import("./pages/processes/mod.ts");
const orgchart = () => import("./pages/orgchart/mod.ts");
const resources = () => import("./pages/resources/mod.ts");
const collaboration = () => import("./pages/collaboration/mod.ts");
const recycleBin = () => import("./pages/recycle_bin.ts");

export const ROUTES: Route[] = [
  {
    path: "/settings/notifications",
    title: "collab.settings.title",
    tag: "procedo-notification-settings",
    load: collaboration,
  },
  {
    path: "/map",
    title: "processes.map.title",
    tag: "procedo-process-map",
    load: processes,
    nav: { icon: "grid" },
  },
  {
    path: "/inbox",
    title: "collab.inbox.title",
    tag: "procedo-inbox-page",
    load: collaboration,
    nav: { icon: "inbox", label: "collab.inbox.nav", badge: "inbox" },
  },
  {
    path: "/processes",
    title: "processes.list.title",
    tag: "procedo-process-list",
    load: processes,
    nav: { icon: "flowchart" },
  },
  {
    path: "/processes/:id",
    title: "processes.page.title",
    tag: "procedo-process-page",
    load: processes,
  },
  {
    // Its own chunk: the page and the editor, so opening the editor is one request.
    path: "/processes/:id/edit",
    title: "processes.edit.title",
    tag: "procedo-process-edit-page",
    load: () => import("./pages/processes/edit_page.ts"),
    // Not through the page's chunk: that is still being evaluated when the person is known.
    prefetch: (params) => prefetchEditor(session().api, params.id),
    minRole: "modeler",
  },
  {
    path: "/processes/:id/compare",
    title: "diff.title",
    tag: "procedo-compare-page",
    load: () => import("./pages/processes/compare_page.ts"),
  },
  {
    path: "/org-charts",
    title: "orgchart.title",
    tag: "procedo-orgchart-page",
    load: orgchart,
    nav: { icon: "organization" },
  },
  {
    path: "/org-charts/:chartId",
    title: "orgchart.title",
    tag: "procedo-orgchart-page",
    load: orgchart,
  },
  {
    path: "/resources/:kind",
    title: "resources.title",
    tag: "procedo-resources-page",
    load: resources,
    nav: { icon: "document", section: "/resources", href: "/resources/documents" },
  },
  {
    path: "/requirements",
    title: "resources.requirements.title",
    tag: "procedo-requirements-page",
    load: resources,
    nav: { icon: "clipboardTask" },
  },
  {
    path: "/tags",
    title: "tags.title",
    tag: "procedo-tags-page",
    load: tags,
    nav: { icon: "tag" },
  },
  {
    path: "/recycle-bin",
    title: "bin.title",
    tag: "procedo-recycle-bin",
    load: recycleBin,
    minRole: "modeler",
    nav: { icon: "delete" },
  },
  {
    path: "/admin/users",
    title: "admin.users.title",
    tag: "procedo-admin-users",
    load: admin,
    minRole: "executive",
    nav: { icon: "settings", label: "nav.admin", section: "/admin" },
  },
  {
    path: "/admin/plan",
    title: "admin.plan.title",
    tag: "procedo-admin-plan",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/settings",
    title: "admin.settings.title",
    tag: "procedo-admin-settings",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/api-keys",
    title: "admin.keys.title",
    tag: "procedo-admin-api-keys",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/webhooks",
    title: "webhooks.title",
    tag: "procedo-admin-webhooks",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/ai",
    title: "ai.title",
    tag: "procedo-admin-ai",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/embedding",
    title: "embedding.title",
    tag: "procedo-admin-embedding",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/audit",
    title: "admin.audit.title",
    tag: "procedo-admin-audit",
    load: admin,
    minRole: "executive",
  },
  {
    path: "/admin/data",
    title: "data.title",
    tag: "procedo-admin-data",
    load: admin,
    minRole: "executive",
  },
];

/** Paths that lead elsewhere: a section's own path opens its first page. */
export const REDIRECTS: Record<string, string> = {
  "/admin": "/admin/users",
  "/resources": "/resources/documents",
};

/**
 * Starts loading the chunk of the page at `path` (a deep link, a reload) while the app still
 * signs in and asks who is there, instead of after. Failures are the shell's to show later.
 */
export function preloadPage(path: string) {
  const route = ROUTES.find((r) => matchPath(r.path, path));
  route?.load().catch(() => {});
}

/** Starts loading the data of the page at `path` for `role`, where the page says how. */
export function prefetchPage(path: string, role: Role) {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (roleAllows(role, route.minRole)) route.prefetch?.(params);
    return;
  }
}
