// `deno task power-automate`: writes the Power Automate custom connector
// (integrations/power-automate/apiDefinition.swagger.json and apiProperties.json) from the
// OpenAPI document; `--check` only compares and exits 1 naming the stale files. Power
// Platform imports the committed files, so they are kept in the repository.
import { buildOpenApiDocument } from "../../api/openapi_document.ts";
import { denoFmt } from "../../api/openapi_cli.ts";
import { actionPaths, ACTIONS, operationsOf, problemResponses } from "./actions.ts";
import { definitionsFor, type Json } from "./swagger2.ts";
import {
  eventDefinitions,
  EVENTS,
  SUBSCRIBE_PATH,
  subscriptionParts,
  triggerPaths,
} from "./triggers.ts";

const ROOT = new URL("../../", import.meta.url);
export const DEFINITION_FILE = "integrations/power-automate/apiDefinition.swagger.json";
export const PROPERTIES_FILE = "integrations/power-automate/apiProperties.json";

/** The host in the definition; each connection names its own (dynamichosturl policy). */
const PLACEHOLDER_HOST = "procedo.example.com";

/** The connector's Swagger 2.0 definition, from the OpenAPI 3.1 document `doc`. */
export function connectorDefinition(doc: Json): Json {
  checkSubscription(doc);
  const actions = actionPaths(doc);
  // Subscribing answers what creating a webhook answers; before the webhooks plugin is in
  // the document, the statuses its registration gives (see triggers.ts).
  const create = operationsOf(doc).get("createWebhook")?.op ?? {
    responses: Object.fromEntries(
      [400, 401, 403, 409, 415, 422].map((s) => [s, { description: STATUS[s] }]),
    ),
  };
  const remove = operationsOf(doc).get("deleteWebhook")?.op ?? {
    responses: Object.fromEntries([401, 403, 404].map((s) => [s, { description: STATUS[s] }])),
  };
  const subscription = subscriptionParts(problemResponses(remove));
  // Problem too: the triggers' 4xx answers name it even if no action's did.
  const definitions: Record<string, Json> = {
    ...definitionsFor([actions, { $ref: "#/definitions/Problem" }], doc.components.schemas),
    ...eventDefinitions(),
    ...subscription.definitions,
  };
  const tagNames = new Set(
    Object.values(actions).flatMap((item: Json) =>
      Object.values(item).flatMap((op: Json) => op.tags)
    ),
  );
  return {
    swagger: "2.0",
    info: {
      title: "Procedo",
      description: "Process management for Microsoft 365: read and publish processes, " +
        "report problems, keep the org chart in sync, and start flows when a process is " +
        "published, an approval is requested or decided, a review is due, a problem is " +
        "reported or a comment is written.",
      version: doc.info.version,
      contact: doc.info.contact,
      license: doc.info.license,
    },
    host: PLACEHOLDER_HOST,
    basePath: "/",
    schemes: ["https"],
    consumes: ["application/json"],
    produces: ["application/json"],
    paths: { ...actions, ...triggerPaths(problemResponses(create)), ...subscription.paths },
    definitions: Object.fromEntries(
      Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)),
    ),
    securityDefinitions: {
      api_key: {
        type: "apiKey",
        in: "header",
        name: "X-API-Key",
        description: "A Procedo API key (Administration → API keys)",
      },
    },
    security: [{ api_key: [] }],
    tags: [
      ...(doc.tags as Json[]).filter((t) => tagNames.has(t.name))
        .map(({ name, description }) => ({ name, description })),
      { name: "triggers", description: "Flows started by Procedo's webhooks" },
    ],
    "x-ms-connector-metadata": [
      { propertyName: "Website", propertyValue: "https://procedo.app" },
      { propertyName: "Privacy policy", propertyValue: "https://procedo.app/privacy" },
      { propertyName: "Categories", propertyValue: "Productivity;Collaboration" },
    ],
  };
}

const STATUS: Record<number, string> = {
  400: "Bad request",
  401: "Authentication required",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  415: "Unsupported media type",
  422: "Validation failed",
};

/** When the webhooks plugin is in the document, its registration takes { url, events }. */
function checkSubscription(doc: Json) {
  const create = doc.paths[SUBSCRIBE_PATH]?.post;
  if (!create) return;
  const ref: string | undefined = create.requestBody?.content?.["application/json"]?.schema?.$ref;
  const schema = ref ? doc.components.schemas[ref.split("/").pop()!] : undefined;
  for (const field of ["url", "events"]) {
    if (!schema?.properties?.[field]) {
      throw new Error(`POST ${SUBSCRIBE_PATH} no longer takes ${field}: update triggers.ts`);
    }
  }
  const events: string[] = schema.properties.events.items?.enum ?? [];
  const unknown = EVENTS.map((e) => e.type).filter((t) => events.length && !events.includes(t));
  if (unknown.length) {
    throw new Error(`POST ${SUBSCRIBE_PATH} does not offer ${unknown.join(", ")}: triggers.ts`);
  }
}

/** The connector's apiProperties.json: the API key, the Procedo URL, the policies. */
export function connectorProperties(): Json {
  return {
    properties: {
      connectionParameters: {
        api_key: {
          type: "securestring",
          uiDefinition: {
            displayName: "API key",
            description: "A Procedo API key. An executive creates it in Procedo under " +
              "Administration → API keys (excellence plan) and chooses its role.",
            tooltip: "Starts with pk_",
            constraints: { tabIndex: 2, clearText: false, required: "true" },
          },
        },
        hostUrl: {
          type: "string",
          uiDefinition: {
            displayName: "Procedo URL",
            description: "Where your Procedo runs, e.g. https://procedo.contoso.com",
            tooltip: "The address you open Procedo at, without a path",
            constraints: { tabIndex: 1, clearText: true, required: "true" },
          },
        },
      },
      iconBrandColor: "#0f6cbd",
      capabilities: [],
      policyTemplateInstances: [
        {
          templateId: "dynamichosturl",
          title: "Procedo URL of the connection",
          parameters: {
            "x-ms-apimTemplateParameter.urlTemplate": "@connectionParameters('hostUrl')",
          },
        },
        {
          templateId: "routerequesttoendpoint",
          title: "Triggers subscribe through POST /api/v1/webhooks",
          parameters: {
            "x-ms-apimTemplate-operationName": EVENTS.map((e) => e.operationId),
            "x-ms-apimTemplateParameter.newPath": SUBSCRIBE_PATH,
            "x-ms-apimTemplateParameter.httpMethod": "POST",
          },
        },
      ],
      publisher: "Procedo",
      stackOwner: "Procedo",
    },
  };
}

/** The connector's files (path relative to the repository → content), formatted. */
export async function generateConnectorFiles(doc?: Json): Promise<Record<string, string>> {
  const document = doc ?? await buildOpenApiDocument();
  const json = (value: Json) => denoFmt(JSON.stringify(value, null, 2) + "\n", "json");
  return {
    [DEFINITION_FILE]: await json(connectorDefinition(document)),
    [PROPERTIES_FILE]: await json(connectorProperties()),
  };
}

async function main(args: string[]) {
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length) {
    console.error(`Unknown argument ${unknown[0]}; usage: deno task power-automate [--check]`);
    Deno.exit(2);
  }
  const files = await generateConnectorFiles();
  if (args.includes("--check")) {
    const stale: string[] = [];
    for (const [path, content] of Object.entries(files)) {
      const current = await Deno.readTextFile(new URL(path, ROOT)).catch(() => undefined);
      if (current !== content) stale.push(path);
    }
    for (const path of stale) console.error(`${path} is stale; run deno task power-automate`);
    if (stale.length) Deno.exit(1);
    console.log(`the connector is up to date (${Object.keys(ACTIONS).length} actions).`);
    return;
  }
  for (const [path, content] of Object.entries(files)) {
    await Deno.writeTextFile(new URL(path, ROOT), content);
    console.log(`wrote ${path}`);
  }
}

if (import.meta.main) await main(Deno.args);
