// The tags plugin: tenant-wide labels with CRUD. Small on purpose: it is the model that
// docs/plugins.md walks through.
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { registerTagRoutes } from "./routes.ts";
import { tags } from "./schema.ts";
import { seedTags } from "./service.ts";

export const tagsPlugin: ProcedoPlugin = {
  name: "tags",
  description: "Tenant-wide labels for processes and resources",
  tables: { tags },
  permissions: {
    "tags.read": "reader",
    "tags.write": "modeler",
  },
  routes: (app) => registerTagRoutes(app),
  onTenantCreated: ({ scope }) => seedTags(scope, "system"),
};
