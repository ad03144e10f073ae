// The processes plugin: the process landscape, swimlane models with RACI and links,
// validation, drafts, approval and published versions, diff, layout, BPMN 2.0, review cycles
// and search. Other plugins import only service.ts.
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { ARCHIVE_FILES_POINT } from "../../api/tenant_archive/contributions.ts";
import { bpmnArchiveFiles } from "./archive_files.ts";
import { registerBpmnRoutes } from "./bpmn_routes.ts";
import { registerDraftRoutes, registerDraftStaticRoutes } from "./draft_routes.ts";
import { processExporters } from "./exporters.ts";
import { registerLandscapeRoutes } from "./landscape_routes.ts";
import { seedProcesses } from "./samples.ts";
import { processSettings } from "./settings.ts";
import { processTables } from "./schema.ts";
import { registerValidationRoutes } from "./validation_routes.ts";

export const processesPlugin: ProcedoPlugin = {
  name: "processes",
  description: "The process landscape and its swimlane models, versions and reviews",
  tables: processTables,
  permissions: {
    "processes.read": "reader",
    "processes.write": "modeler",
    // Approving also needs to be the process owner or an executive (checked per process).
    "processes.approve": "modeler",
    "processes.review": "modeler",
  },
  settings: processSettings,
  dependsOn: ["tags"],
  routes: (app, deps) => {
    // Static paths (/approvals, /where-used, /tree, /search, …) first, so they are not taken
    // for an {id}.
    registerDraftStaticRoutes(app, deps);
    registerLandscapeRoutes(app, deps);
    registerDraftRoutes(app, deps);
    registerValidationRoutes(app, deps);
    registerBpmnRoutes(app, deps);
  },
  onTenantCreated: (ctx) => seedProcesses(ctx),
  exporters: processExporters,
  // The tenant archive (exit export) carries every published version as BPMN 2.0 XML.
  contributes: { [ARCHIVE_FILES_POINT]: bpmnArchiveFiles },
};
