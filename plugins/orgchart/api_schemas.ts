// The orgchart plugin's request and response schemas: they validate requests and make up
// the OpenAPI document (and so the generated client).
import { z } from "@hono/zod-openapi";
import { MAX_PAGE_SIZE, PagingQuery } from "../../api/http/paging.ts";
import { importReportSchema } from "../../api/tabular/report.ts";
import { EMAIL_PATTERN } from "./employee_service.ts";

export { json } from "../../api/http/content.ts";

export {
  CreatedHeaders,
  ETagHeader,
  IfMatchHeader as IfMatch,
} from "../../api/http/preconditions.ts";

export const idParam = (thing: string) =>
  z.object({ id: z.string().uuid({ error: `must be ${thing} id (UUID)` }) });

const uuid = (thing: string) => z.string().uuid({ error: `must be ${thing} id (UUID)` });
const text = (max: number) =>
  z.string().trim().min(1, { error: "must not be empty" }).max(max, {
    error: `at most ${max} characters`,
  });
const optionalText = (max: number) =>
  z.string().trim().max(max, { error: `at most ${max} characters` }).transform((v) => v || null)
    .nullable();
const timestamps = { createdAt: z.string().datetime(), updatedAt: z.string().datetime() };
const externalKey = optionalText(100).openapi({
  description: "A stable key from the source system; imports match on it",
});

/** `?flag=true|false` in a query string. */
export const queryFlag = (description: string) =>
  z.enum(["true", "false"], { error: "true or false" }).default("false")
    .transform((v) => v === "true").openapi({ description });

export const SearchQuery = PagingQuery.extend({
  q: z.string().max(100).optional().openapi({ description: "Search text" }),
});

/** The most ids one `ids` filter names: one page holds them all. */
export const MAX_IDS = MAX_PAGE_SIZE;
const splitIds = (v: string) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))];
const anId = z.string().uuid();

/** `?ids=<id>,<id>…`: up to MAX_IDS ids of `things` ("position"), separated by commas. */
export const idsQuery = (thing: string) =>
  z.string().superRefine((v, ctx) => {
    const ids = splitIds(v);
    const problem = !ids.length
      ? `name at least one ${thing} id`
      : ids.length > MAX_IDS
      ? `at most ${MAX_IDS} ${thing} ids`
      : ids.some((id) => !anId.safeParse(id).success)
      ? `${thing} ids (UUIDs) separated by commas`
      : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).transform(splitIds).openapi({
    type: "string",
    description: `Only these: up to ${MAX_IDS} ${thing} ids, separated by commas`,
    example: "0190a1b2-0000-7000-8000-000000000001,0190a1b2-0000-7000-8000-000000000002",
  });

// Charts
export const OrgChart = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  ...timestamps,
}).openapi("OrgChart");
export const ChartCreate = z.strictObject({
  name: text(200),
  description: z.string().max(2000, { error: "at most 2000 characters" }).optional(),
}).openapi("OrgChartCreate");
export const ChartUpdate = z.strictObject({
  name: text(200).optional(),
  description: z.string().max(2000, { error: "at most 2000 characters" }).optional(),
}).openapi("OrgChartUpdate");

// Units
export const OrgUnit = z.object({
  id: z.string().uuid(),
  chartId: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  ...timestamps,
}).openapi("OrgUnit");
const sortOrder = z.number().int().min(0).max(1_000_000);
export const UnitCreate = z.strictObject({
  chartId: uuid("an org chart"),
  parentId: uuid("an org unit").nullable().optional().openapi({
    description: "The parent unit (same chart); none for a top unit",
  }),
  name: text(200),
  sortOrder: sortOrder.optional(),
}).openapi("OrgUnitCreate");
export const UnitUpdate = z.strictObject({
  name: text(200).optional(),
  sortOrder: sortOrder.optional(),
}).openapi("OrgUnitUpdate");
export const UnitMove = z.strictObject({
  parentId: uuid("an org unit").nullable().openapi({
    description: "The new parent (same chart), or null to make it a top unit",
  }),
  sortOrder: sortOrder.optional(),
}).openapi("OrgUnitMove");

// Positions
export const Holder = z.object({
  employeeId: z.string().uuid(),
  name: z.string(),
  primary: z.boolean(),
  since: z.string().nullable(),
}).openapi("PositionHolder");
export const Position = z.object({
  id: z.string().uuid(),
  chartId: z.string().uuid(),
  unitId: z.string().uuid(),
  title: z.string(),
  reportsToId: z.string().uuid().nullable(),
  externalKey: z.string().nullable(),
  holders: z.array(Holder),
  version: z.number().int(),
  ...timestamps,
}).openapi("Position");
export const PositionCreate = z.strictObject({
  unitId: uuid("an org unit"),
  title: text(200),
  reportsToId: uuid("a position").nullable().optional().openapi({
    description: "The position this one reports to (same chart)",
  }),
  externalKey: externalKey.optional(),
}).openapi("PositionCreate");
export const PositionUpdate = z.strictObject({
  unitId: uuid("an org unit").optional(),
  title: text(200).optional(),
  reportsToId: uuid("a position").nullable().optional(),
  externalKey: externalKey.optional(),
}).openapi("PositionUpdate");

// Employees
const email = z.string().trim().max(254, { error: "at most 254 characters" })
  .regex(EMAIL_PATTERN, { error: "must be an e-mail address like name@example.com" })
  .nullable();
export const Holding = z.object({
  positionId: z.string().uuid(),
  chartId: z.string().uuid(),
  title: z.string(),
  primary: z.boolean(),
  since: z.string().nullable(),
}).openapi("EmployeePosition");
export const Employee = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.string().nullable(),
  externalKey: z.string().nullable(),
  positions: z.array(Holding),
  version: z.number().int(),
  ...timestamps,
}).openapi("Employee");
const HoldingInput = z.strictObject({
  positionId: uuid("a position"),
  primary: z.boolean().optional(),
  since: z.iso.date({ error: "a date like 2024-03-01" }).nullable().optional(),
});
const holdings = z.array(HoldingInput).max(50, { error: "at most 50 positions" }).openapi({
  description: "The positions held (replaces the list); the first is primary unless one is marked",
});
export const EmployeeCreate = z.strictObject({
  name: text(200),
  email: email.optional(),
  phone: optionalText(50).optional(),
  location: optionalText(200).optional(),
  externalKey: externalKey.optional(),
  positions: holdings.optional(),
}).openapi("EmployeeCreate");
export const EmployeeUpdate = z.strictObject({
  name: text(200).optional(),
  email: email.optional(),
  phone: optionalText(50).optional(),
  location: optionalText(200).optional(),
  externalKey: externalKey.optional(),
  positions: holdings.optional(),
}).openapi("EmployeeUpdate");

// The tree
const TreeHolder = z.object({
  employeeId: z.string().uuid(),
  name: z.string(),
  primary: z.boolean(),
}).openapi("OrgTreeHolder");
const TreePosition = z.object({
  id: z.string().uuid(),
  title: z.string(),
  reportsToId: z.string().uuid().nullable(),
  externalKey: z.string().nullable(),
  holders: z.array(TreeHolder),
}).openapi("OrgTreePosition");
// deno-lint-ignore no-explicit-any
export const TreeUnit: z.ZodType<any> = z.lazy(() =>
  z.object({
    id: z.string().uuid(),
    name: z.string(),
    parentId: z.string().uuid().nullable(),
    sortOrder: z.number().int(),
    positions: z.array(TreePosition),
    children: z.array(TreeUnit),
  })
).openapi("OrgTreeUnit");
export const ChartTree = z.object({
  chart: OrgChart,
  units: z.array(TreeUnit).openapi({ description: "The top units, each with its sub-units" }),
  counts: z.object({ units: z.number().int(), positions: z.number().int(), holders: z.number() }),
}).openapi("OrgChartTree");

// Processes using positions and units
export const ProcessUsage = z.object({
  processId: z.string().uuid(),
  title: z.string(),
  publishedVersion: z.number().int(),
  inPublished: z.boolean(),
  inDraft: z.boolean(),
  usages: z.array(z.object({
    source: z.enum(["draft", "published"]),
    nodeId: z.string().openapi({ description: 'The step, or "" for the process itself' }),
    stepLabel: z.string().nullable(),
    stepType: z.string().nullable(),
    laneName: z.string().nullable(),
    relation: z.string().openapi({
      description: "responsible, accountable, consulted, informed, lane or owner",
    }),
    targetId: z.string().openapi({ description: "The position concerned" }),
  })),
}).openapi("OrgProcessUsage");
export const ResponsibilityPage = z.object({
  items: z.array(ProcessUsage),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
}).openapi("OrgResponsibilityPage");
export { UnlinkResultSchema as Unlinked } from "../processes/service.ts";
export const DeleteQuery = z.object({
  unlink: queryFlag(
    "Also delete when processes use it: remove it from every process draft (409 otherwise)",
  ),
});

// Imports
export const ImportReport = importReportSchema("ImportReport", ["positions", "employees"], {
  unitsCreated: z.number().int(),
});
export const ImportQuery = z.object({
  dryRun: queryFlag("Only report what would happen; write nothing"),
  partial: queryFlag("Import the rows without problems and report the others"),
});
