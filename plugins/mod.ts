// The plugins Procedo ships with, in any order (the core sorts them by dependsOn).
import type { ProcedoPlugin } from "../api/plugin.ts";
import { livePlugin } from "./live/mod.ts";
import { orgchartPlugin } from "./orgchart/mod.ts";
import { processesPlugin } from "./processes/mod.ts";
import { resourcesPlugin } from "./resources/mod.ts";
import { tagsPlugin } from "./tags/mod.ts";

export const defaultPlugins: ProcedoPlugin[] = [
  tagsPlugin,
  processesPlugin,
  orgchartPlugin,
  resourcesPlugin,
  livePlugin,
];
