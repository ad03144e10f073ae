// The ai plugin: AI assistance that is off until an executive turns it on, uses the
// provider the tenant picked (through the extension point "ai.providers", filled by
// ai-openai, ai-anthropic, ai-google or any other plugin), sends no personal data and marks
// every result as AI-generated — and an offline analyser that needs no provider at all.
// Other plugins import only service.ts.
import type { ProcedoPlugin } from "../../api/plugin.ts";
import { eraseQuotedNames } from "./erase.ts";
import { registerFeatureRoutes } from "./feature_routes.ts";
import { aiTables } from "./schema.ts";
import { exportResults } from "./results_service.ts";
import { registerSettingsRoutes } from "./settings_routes.ts";
import { usageCsv } from "./usage_service.ts";

export const aiPlugin: ProcedoPlugin = {
  name: "ai",
  description: "AI assistance: settings, payload preview, analyses, summaries, process from text",
  tables: aiTables,
  // Results name positions, not people; restored answers quote only what the tenant wrote.
  personalData: { ai_settings: [], ai_results: [], ai_suggestions: [], ai_usage: [] },
  // …but an answer may quote an erased person's name: replaced by the pseudonym.
  onPersonErase: eraseQuotedNames,
  permissions: {
    "ai.read": "reader",
    "ai.summarize": "reader",
    "ai.analyze": "modeler",
    "ai.settings.read": "executive",
    "ai.settings.write": "executive",
    "ai.usage.read": "executive",
  },
  personOnly: ["ai.settings.write"],
  // processes: drafts, versions, validation, layout; orgchart: positions for lanes.
  dependsOn: ["processes", "orgchart"],
  routes: (app, deps) => {
    registerSettingsRoutes(app, deps);
    registerFeatureRoutes(app, deps);
  },
  // Tenant exports carry every AI result labelled as AI-generated with its provenance, and
  // the usage log.
  exporters: [
    {
      name: "ai-results.json",
      mediaType: "application/json",
      run: async ({ scope }) => JSON.stringify(await exportResults(scope), null, 2),
    },
    {
      name: "ai-usage.csv",
      mediaType: "text/csv",
      run: ({ scope }) => usageCsv(scope, undefined, () => Promise.resolve(new Map())),
    },
  ],
};
