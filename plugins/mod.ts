// The plugins Procedo ships with, in any order (the core sorts them by dependsOn).
import type { ProcedoPlugin } from "../api/plugin.ts";
import { exportsPlugin } from "./exports/mod.ts";
import { aiPlugin } from "./ai/mod.ts";
import { aiAnthropicPlugin } from "./ai-anthropic/mod.ts";
import { aiGooglePlugin } from "./ai-google/mod.ts";
import { backupPlugin } from "./backup/mod.ts";
import { aiOpenaiPlugin } from "./ai-openai/mod.ts";
import { collaborationPlugin } from "./collaboration/mod.ts";
import { deletionPlugin } from "./deletion/mod.ts";
import { livePlugin } from "./live/mod.ts";
import { orgchartPlugin } from "./orgchart/mod.ts";
import { processesPlugin } from "./processes/mod.ts";
import { resourcesPlugin } from "./resources/mod.ts";
import { tagsPlugin } from "./tags/mod.ts";
import { webhooksPlugin } from "./webhooks/mod.ts";

export const defaultPlugins: ProcedoPlugin[] = [
  tagsPlugin,
  processesPlugin,
  orgchartPlugin,
  resourcesPlugin,
  exportsPlugin,
  aiPlugin,
  aiOpenaiPlugin,
  aiAnthropicPlugin,
  aiGooglePlugin,
  collaborationPlugin,
  livePlugin,
  webhooksPlugin,
  backupPlugin,
  deletionPlugin,
];
