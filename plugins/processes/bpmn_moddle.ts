// The BPMN meta-model as bpmn-moddle knows it, plus the Procedo extension elements that carry
// what BPMN has no place for (RACI, links, durations, lane positions, blank texts, ids that
// would clash in XML), and the typings bpmn-moddle does not ship.
import { BpmnModdle } from "bpmn-moddle";

export const PROCEDO_NS = "https://procedo.app/schema/bpmn/1";

/** The moddle descriptor of the Procedo extension elements. */
export const PROCEDO_MODDLE = {
  name: "Procedo",
  uri: PROCEDO_NS,
  prefix: "procedo",
  xml: { tagAlias: "lowerCase" },
  associations: [],
  enumerations: [],
  types: [
    {
      // On a flow node or text annotation: what BPMN cannot hold.
      name: "Node",
      superClass: ["Element"],
      properties: [
        // The node's own id when the XML id had to differ (ids clash across lanes/nodes/edges).
        { name: "key", isAttr: true, type: "String" },
        // Only where lane membership cannot be said with flowNodeRef ("" = no lane).
        { name: "laneId", isAttr: true, type: "String" },
        // Minutes, or "" for an explicit null.
        { name: "durationMinutes", isAttr: true, type: "String" },
        // The called process, or "" for an explicit null.
        { name: "processId", isAttr: true, type: "String" },
        // Blank texts that XML bodies would lose (annotation text, description).
        { name: "label", isAttr: true, type: "String" },
        { name: "description", isAttr: true, type: "String" },
        // RACI and links: space-separated id lists, one attribute each (written all four
        // together when the node has RACI or links at all, so an empty set survives too).
        { name: "responsible", isAttr: true, type: "String" },
        { name: "accountable", isAttr: true, type: "String" },
        { name: "consulted", isAttr: true, type: "String" },
        { name: "informed", isAttr: true, type: "String" },
        { name: "documents", isAttr: true, type: "String" },
        { name: "systems", isAttr: true, type: "String" },
        { name: "requirements", isAttr: true, type: "String" },
        { name: "locations", isAttr: true, type: "String" },
      ],
    },
    {
      name: "Lane",
      superClass: ["Element"],
      properties: [
        { name: "key", isAttr: true, type: "String" },
        { name: "positionId", isAttr: true, type: "String" },
        { name: "orgUnitId", isAttr: true, type: "String" },
      ],
    },
    {
      // On a sequence flow or association.
      name: "Edge",
      superClass: ["Element"],
      properties: [
        { name: "key", isAttr: true, type: "String" },
        // Associations have no name and no condition; blank conditions need an attribute.
        { name: "label", isAttr: true, type: "String" },
        { name: "condition", isAttr: true, type: "String" },
        // The DI waypoints start and end with points we added (the edge has fewer than two).
        { name: "addedEnds", isAttr: true, type: "Boolean" },
      ],
    },
    {
      // On the process: which Procedo process and graph schema the file came from.
      name: "Model",
      superClass: ["Element"],
      properties: [
        { name: "processId", isAttr: true, type: "String" },
        { name: "schemaVersion", isAttr: true, type: "Integer" },
        // The pool's name is the graph's own (graph.pool), not the process title.
        { name: "pool", isAttr: true, type: "Boolean" },
      ],
    },
  ],
};

/** The moddle element objects bpmn-moddle creates and parses (it ships no class typings). */
export interface ModdleElement {
  $type: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  $children?: ModdleElement[];
  $body?: string;
  $descriptor?: {
    name: string;
    properties: {
      name: string;
      isMany?: boolean;
      isReference?: boolean;
      isAttr?: boolean;
      isBody?: boolean;
    }[];
  };
  $instanceOf?(type: string): boolean;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

export interface ModdleWarning {
  message: string;
  error?: Error;
  element?: ModdleElement;
  property?: string;
  value?: string;
}

export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  fromXML(xml: string, options?: Record<string, unknown>): Promise<{
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    warnings: ModdleWarning[];
  }>;
  toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
}

/** A bpmn-moddle instance that knows the Procedo extension elements. */
export function createModdle(): Moddle {
  const Ctor = BpmnModdle as unknown as (packages: Record<string, unknown>) => Moddle;
  return Ctor({ procedo: PROCEDO_MODDLE });
}
