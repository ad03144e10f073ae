// The exports plugin: PDF process reports and handbooks, SVG/PNG diagrams, drawn org charts
// (SVG/PDF), and CSV/XLSX lists. Lists come from the other plugins through the contract's
// `exporters` (found in the plugin list, never named here); the process graph and the org
// chart come from the processes and orgchart plugins' service.ts. Drawings are built once
// as plain data (drawing/) and written as SVG, PNG (resvg, WebAssembly) or PDF (pdf-lib with
// DejaVu Sans embedded through fontkit).
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { FileRoutes } from "./routes/file_route.ts";
import { registerHandbookRoute } from "./routes/handbook_routes.ts";
import { registerListRoutes } from "./routes/list_routes.ts";
import { registerOrgchartRoutes } from "./routes/orgchart_routes.ts";
import { registerProcessRoutes } from "./routes/process_routes.ts";

export const exportsPlugin: ProcedoPlugin = {
  name: "exports",
  description: "PDF reports and handbooks, SVG/PNG diagrams, org charts, CSV/XLSX lists",
  // Readers export what they may read; drafts and lists with personal data are checked per
  // request (modelers or the owner; executives).
  permissions: { "exports.read": "reader" },
  dependsOn: ["processes", "orgchart"],
  routes: (app, deps) => {
    registerHandbookRoute(app, deps);
    const files = new FileRoutes(app);
    registerProcessRoutes(files, deps);
    registerOrgchartRoutes(files);
    registerListRoutes(files, deps);
    files.finish();
  },
};
