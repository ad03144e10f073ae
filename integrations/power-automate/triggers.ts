// The connector's triggers: one per webhook event, each subscribing through
// POST /api/v1/webhooks with { url, events } (201 { id, secret } and a Location header that
// Power Automate calls DELETE on when the flow goes away). Power Automate needs one operation
// per trigger, so each has a path of its own under /triggers/ that apiProperties.json's
// routerequesttoendpoint policy sends to POST /api/v1/webhooks.
//
// The events and their data are described here, statically: they are what the webhooks
// plugin delivers ({ type, timestamp, data }, Standard Webhooks), not part of the OpenAPI
// document.
import { type Json, titleOf } from "./swagger2.ts";

export const SUBSCRIBE_PATH = "/api/v1/webhooks";
export const UNSUBSCRIBE_PATH = "/api/v1/webhooks/{id}";

type Field = [name: string, type: "string" | "integer", description: string, format?: string];

interface EventSpec {
  type: string;
  operationId: string;
  summary: string;
  description: string;
  /** What to do in Procedo to see the trigger fire while testing a flow. */
  hint: string;
  data: Field[];
}

const process: Field[] = [
  ["processId", "string", "The process's id", "uuid"],
  ["processTitle", "string", "The process's title"],
];
const actor: Field = ["actorId", "string", "The id of the user who acted"];

export const EVENTS: EventSpec[] = [
  {
    type: "process.published",
    operationId: "onProcessPublished",
    summary: "When a process is published",
    description: "Fires when an approval publishes a new version of a process.",
    hint: "Approve a submitted draft in Procedo.",
    data: [
      ["processId", "string", "The process's id", "uuid"],
      ["title", "string", "The process's title"],
      ["version", "integer", "The published version's number"],
      ["publishedAt", "string", "When it was published", "date-time"],
      actor,
    ],
  },
  {
    type: "approval.requested",
    operationId: "onApprovalRequested",
    summary: "When an approval is requested",
    description: "Fires when a modeler submits a draft for approval.",
    hint: "Submit a draft for approval in Procedo.",
    data: [
      ["approvalId", "string", "The approval request's id", "uuid"],
      ...process,
      ["draftVersion", "integer", "The draft's version that was submitted"],
      actor,
    ],
  },
  {
    type: "approval.decided",
    operationId: "onApprovalDecided",
    summary: "When an approval is decided",
    description: "Fires when an approval request is approved or rejected.",
    hint: "Approve or reject a submitted draft in Procedo.",
    data: [
      ["approvalId", "string", "The approval request's id", "uuid"],
      ...process,
      ["draftVersion", "integer", "The draft's version that was submitted"],
      ["decision", "string", "approved or rejected"],
      ["publishedVersion", "integer", "The version published by the approval (none if rejected)"],
      actor,
    ],
  },
  {
    type: "review.due",
    operationId: "onReviewDue",
    summary: "When a process review is due",
    description: "Fires when a published process is due or overdue for its periodic review.",
    hint: "Wait for a process's review date to come (the daily reminder run).",
    data: [
      ...process,
      ["dueDate", "string", "The day the review is due (YYYY-MM-DD)", "date"],
      ["stage", "string", "Which reminder this is: upcoming, overdue or escalated"],
      ["daysOverdue", "integer", "Days past the review date (0 or less: not yet)"],
    ],
  },
  {
    type: "problem.reported",
    operationId: "onProblemReported",
    summary: "When a problem is reported",
    description: "Fires when someone reports a problem with a process or suggests an improvement.",
    hint: "Report a problem on a published process in Procedo.",
    data: [
      ["problemId", "string", "The problem's id", "uuid"],
      ...process,
      ["nodeId", "string", "The step the problem is about (none: the whole process)"],
      ["severity", "string", "How severe the reporter says it is"],
      actor,
    ],
  },
  {
    type: "comment.created",
    operationId: "onCommentCreated",
    summary: "When a comment is written",
    description: "Fires when someone comments on a process or a step, or replies to a comment.",
    hint: "Comment on a process in Procedo.",
    data: [
      ["commentId", "string", "The comment's id", "uuid"],
      ["threadId", "string", "The thread's first comment", "uuid"],
      ...process,
      ["nodeId", "string", "The step commented on (none: the whole process)"],
      actor,
    ],
  },
  {
    type: "tenant.export.ready",
    operationId: "onTenantExportReady",
    summary: "When a workspace export is ready",
    description: "Fires when an export of the whole workspace has been prepared for download.",
    hint: "Start an export of the workspace in Procedo.",
    data: [
      [
        "exportId",
        "string",
        "The export's id (GET /api/v1/deletion/jobs/{id} gives its link)",
        "uuid",
      ],
      ["expiresAt", "string", "When the export's download link expires", "date-time"],
      actor,
    ],
  },
];

const pascal = (type: string) => type.split(/[._]/).map((w) => w[0].toUpperCase() + w.slice(1));

/** The definition name of an event's payload: "process.published" → ProcessPublishedEvent. */
export const eventDefinition = (type: string) => `${pascal(type).join("")}Event`;

/** The Swagger 2.0 definitions of every event's payload. */
export function eventDefinitions(): Record<string, Json> {
  return Object.fromEntries(EVENTS.map((e) => [eventDefinition(e.type), {
    type: "object",
    description: `The ${e.type} event as the webhook delivers it (Standard Webhooks).`,
    required: ["type", "timestamp", "data"],
    properties: {
      type: { type: "string", enum: [e.type], "x-ms-summary": "Event type" },
      timestamp: {
        type: "string",
        format: "date-time",
        description: "When it happened",
        "x-ms-summary": "Event time",
      },
      data: {
        type: "object",
        "x-ms-summary": "Data",
        properties: Object.fromEntries(e.data.map(([name, type, description, format]) => [name, {
          type,
          ...(format ? { format } : {}),
          description,
          "x-ms-summary": titleOf(name),
        }])),
      },
    },
  }]));
}

/** The trigger paths: one per event, each a subscription (x-ms-trigger: single). */
export function triggerPaths(problems: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(EVENTS.map((e) => [`/triggers/${e.type}`, {
    "x-ms-notification-content": {
      description: e.description,
      schema: { $ref: `#/definitions/${eventDefinition(e.type)}` },
    },
    post: {
      operationId: e.operationId,
      summary: e.summary,
      description: `${e.description} Subscribes a webhook for ${e.type} ` +
        `(POST ${SUBSCRIBE_PATH}), removed again when the flow is turned off or deleted.`,
      tags: ["triggers"],
      "x-ms-trigger": "single",
      "x-ms-trigger-hint": e.hint,
      "x-ms-visibility": "important",
      consumes: ["application/json"],
      produces: ["application/json"],
      parameters: [{
        name: "body",
        in: "body",
        required: true,
        "x-ms-visibility": "internal",
        schema: {
          type: "object",
          required: ["url", "events"],
          properties: {
            url: {
              type: "string",
              description: "Where Procedo delivers the events: the flow's callback URL",
              "x-ms-notification-url": true,
              "x-ms-visibility": "internal",
              "x-ms-summary": "Callback URL",
            },
            events: {
              type: "array",
              items: { type: "string", enum: [e.type] },
              default: [e.type],
              description: "The event the trigger subscribes to",
              "x-ms-visibility": "internal",
              "x-ms-summary": "Events",
            },
          },
        },
      }],
      responses: {
        201: {
          description: "Subscribed; Location names the webhook to delete when the flow goes away",
          headers: { Location: { type: "string", description: "/api/v1/webhooks/{id}" } },
          schema: { $ref: "#/definitions/WebhookSubscription" },
        },
        ...problems,
      },
    },
  }]));
}

/** The subscription's answer, and the unsubscribe operation Power Automate calls. */
export function subscriptionParts(problems: Record<string, Json>) {
  return {
    definitions: {
      WebhookSubscription: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string", format: "uuid", "x-ms-summary": "Webhook id" },
          secret: {
            type: "string",
            description: "The signing secret (Standard Webhooks); shown once",
            "x-ms-summary": "Signing secret",
            "x-ms-visibility": "internal",
          },
        },
      },
    },
    paths: {
      [UNSUBSCRIBE_PATH]: {
        delete: {
          operationId: "deleteWebhook",
          summary: "Delete a webhook",
          description: "Removes a trigger's webhook; Power Automate calls it when a flow " +
            "is turned off or deleted.",
          tags: ["triggers"],
          "x-ms-visibility": "internal",
          parameters: [{
            name: "id",
            in: "path",
            required: true,
            type: "string",
            format: "uuid",
            "x-ms-summary": "Webhook id",
          }],
          responses: { 204: { description: "Deleted" }, ...problems },
        },
      },
    },
  };
}
