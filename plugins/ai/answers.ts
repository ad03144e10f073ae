// The answers each feature asks a provider for: a JSON Schema for the SDK's structured
// output (every property required, no extra ones: what OpenAI's strict mode wants) and the
// zod schema the answer is checked with before anything is stored or shown.
import { z } from "zod";
import type { AnswerSchema } from "./provider.ts";
import { ANALYSIS_CODES } from "./rules.ts";

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const strings = { type: "array", items: str };
const object = (properties: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

export const OPERATION_NAMES = [
  "setResponsible",
  "setLanePosition",
  "setEdgeCondition",
  "setLabel",
  "addEdge",
] as const;

const operationJson = object({
  op: { type: "string", enum: OPERATION_NAMES },
  nodeId: nullableStr,
  laneId: nullableStr,
  edgeId: nullableStr,
  position: nullableStr,
  from: nullableStr,
  to: nullableStr,
  condition: nullableStr,
  label: nullableStr,
});

export const analysisAnswer: AnswerSchema = {
  name: "process_analysis",
  description: "Findings about the process, each with one suggestion",
  json: object({
    findings: {
      type: "array",
      items: object({
        code: { type: "string", enum: ANALYSIS_CODES },
        message: str,
        nodeIds: strings,
        laneIds: strings,
        edgeIds: strings,
        suggestion: str,
        change: { type: "array", items: operationJson },
      }),
    },
  }),
};

const nullable = z.string().nullable();
export const AnalysisAnswer = z.object({
  findings: z.array(z.object({
    code: z.enum(ANALYSIS_CODES),
    message: z.string().min(1).max(2000),
    nodeIds: z.array(z.string()).max(100),
    laneIds: z.array(z.string()).max(100),
    edgeIds: z.array(z.string()).max(100),
    suggestion: z.string().min(1).max(2000),
    change: z.array(z.object({
      op: z.enum(OPERATION_NAMES),
      nodeId: nullable,
      laneId: nullable,
      edgeId: nullable,
      position: nullable,
      from: nullable,
      to: nullable,
      condition: nullable,
      label: nullable,
    })).max(20),
  })).max(100),
});
export type AnalysisAnswer = z.infer<typeof AnalysisAnswer>;

export const summaryAnswer: AnswerSchema = {
  name: "process_summary",
  description: "A short summary of the process for the people who follow it",
  json: object({ summary: str }),
};
export const SummaryAnswer = z.object({ summary: z.string().min(1).max(4000) });

export const changeSummaryAnswer: AnswerSchema = {
  name: "change_summary",
  description: "What changed between the two versions, as a change note",
  json: object({ changeNote: str }),
};
export const ChangeSummaryAnswer = z.object({ changeNote: z.string().min(1).max(2000) });

export const FROM_TEXT_TYPES = ["start", "end", "task", "xor", "and", "intermediate"] as const;

export const fromTextAnswer: AnswerSchema = {
  name: "process_draft",
  description: "A process model drafted from the text: lanes, steps and flows",
  json: object({
    title: str,
    description: str,
    lanes: { type: "array", items: object({ name: str, position: nullableStr }) },
    steps: {
      type: "array",
      items: object({
        id: str,
        type: { type: "string", enum: FROM_TEXT_TYPES },
        label: str,
        lane: str,
        description: str,
      }),
    },
    flows: { type: "array", items: object({ from: str, to: str, condition: nullableStr }) },
  }),
};
export const FromTextAnswer = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000),
  lanes: z.array(z.object({ name: z.string().trim().min(1).max(200), position: nullable }))
    .min(1).max(50),
  steps: z.array(z.object({
    id: z.string().min(1).max(60),
    type: z.enum(FROM_TEXT_TYPES),
    label: z.string().max(200),
    lane: z.string().max(200),
    description: z.string().max(5000),
  })).min(1).max(500),
  flows: z.array(z.object({ from: z.string(), to: z.string(), condition: nullable })).max(1000),
});
export type FromTextAnswer = z.infer<typeof FromTextAnswer>;
