/**
 * The process editor's model: pure TypeScript, no DOM, for the canvas to build on.
 *
 * How the canvas uses it:
 *
 * 1. State. Load the draft (`GET …/draft`), then `const stack = new CommandStack(graph)`.
 *    The graph is an immutable `Schemas["ProcessGraph"]` value; never change it in place.
 *    Render from `stack.graph` and re-render on `stack.onChange((e) => …)` (e.graph, e.dirty).
 *    Untouched elements keep their object identity, so a renderer can skip them cheaply.
 *
 * 2. Changes. Every user action executes a command:
 *    `stack.execute(moveNodes(selectedIds, dx, dy, { snap }))`. A refusal (self-loop,
 *    duplicate flow, limits…) comes back as `{ ok: false, refusal }`: show refusal.message
 *    (or a message for refusal.reason) and nothing changes. For tooltips while dragging a
 *    connection use `connectRefusal(graph, from, to)`. Commands that add something expose
 *    the new id (`addNode(…).id`, `addEdge(…).id`, `paste(…).idMap`) for selecting it.
 *    Typing and arrow-key nudges merge into one undo step per merge key; call
 *    `stack.endBurst()` when the field loses focus or on pointer up. Undo/redo:
 *    `stack.undo()`, `stack.redo()`, `canUndo`, `undoLabel` (a message key for the tooltip).
 *    Auto-layout or a BPMN import: `stack.execute(replaceGraph(result, "…layout"))`.
 *
 * 3. Saving. PUT the graph with If-Match; on success `stack.markSaved(sentGraph)` and
 *    `drafts.clear(processId)`. On 412, fetch theirs and
 *    `merge(baseGraph, stack.graph, theirs)`: show `conflicts` (each resolved "mine" by
 *    default; call merge again with `{ [conflict.key]: "theirs" }` for the user's picks), then
 *    `stack.execute(replaceGraph(result.graph, "…merge"))`. `describeChanges(base, theirs)`
 *    lists what changed on the server (the same shape as GET …/diff, see describeDiff).
 *
 * 4. Drafts across reloads. `new DraftStore(localStorage, { tenantId, userId })`; save on
 *    change (debounced) with the ETag the draft was loaded with and, when it fits, the base
 *    graph for a later merge; `save` reports a full quota instead of throwing.
 *
 * 5. Pointer work. `nodeAt`, `edgeAt`, `laneAt`, `laneHeaderAt`, `laneBorderAt`, `handleAt`,
 *    `resizeByHandle` (hit_test.ts); selection values with `clickSelect`,
 *    `rubberBandSelect`, `pruneSelection` after undo (selection.ts). Coordinates: lanes
 *    stack from y = 0 in array order, each `size` high, with a LANE_HEADER_WIDTH strip for
 *    the name at x 0…30; nodes store their top-left corner.
 *
 * 6. Routes. Commands that move nodes reroute the edges touching them (`rerouteEdges`);
 *    `routeOrthogonal`/`Router` route previews while dragging.
 *
 * @module
 */
export {
  type ChangeEvent,
  type Command,
  CommandStack,
  type CommandStackOptions,
  compound,
  DEFAULT_HISTORY_LIMIT,
  type ExecuteResult,
  Refusal,
  type RefusalReason,
} from "./command_stack.ts";
export { EventBus, type Listener } from "./event_bus.ts";
export type { UndoHistory } from "./history.ts";
export { onOwnPlane, visibleGraph } from "./visible.ts";
export * from "./model.ts";
export {
  boundsOf,
  boxFromCorners,
  centreOf,
  graphBounds,
  type LaneBand,
  laneBands,
  laneIndexAtY,
} from "./geometry.ts";
export { GRID_SIZE, snapToGrid } from "./snap.ts";
export {
  addLane,
  bindLane,
  deleteLane,
  type LaneBinding,
  MIN_LANE_SIZE,
  minLaneSize,
  renameLane,
  reorderLane,
  resizeLane,
} from "./commands/lanes.ts";
export {
  addNode,
  MIN_NODE_SIZE,
  moveNodes,
  type PlacementOptions,
  resizeNode,
  setLabel,
} from "./commands/nodes.ts";
export { deleteElements } from "./commands/delete.ts";
export {
  addEdge,
  conditionApplies,
  connectRefusal,
  misplacedConditions,
  reconnectEdge,
  setEdgeCondition,
  setEdgeLabel,
  setWaypoints,
} from "./commands/edges.ts";
export {
  setDescription,
  setDuration,
  setLinks,
  setRaci,
  setSubprocess,
} from "./commands/properties.ts";
export {
  type Clipboard,
  clipboardBounds,
  copy,
  cut,
  parseClipboard,
  paste,
  serializeClipboard,
} from "./commands/clipboard.ts";
export { align, type Alignment, type Axis, distribute } from "./commands/arrange.ts";
export { replaceGraph } from "./commands/replace.ts";
export { setCollapsed, setDefaultFlow, setEmbedded, setEventKind } from "./commands/bpmn_kinds.ts";
export { fallbackRoute, ROUTE_PADDING, routeOrthogonal, Router } from "./routing.ts";
export { rerouteAllEdges, rerouteEdges, rerouteEdgesById } from "./reroute.ts";
export { type Conflict, merge, type MergeResult, type Side } from "./merge.ts";
export type { Repairs } from "./repair_graph.ts";
export { type ChangeRecord, describeChanges, describeDiff } from "./describe_changes.ts";
export {
  diffGraphs,
  type GraphDiff,
  isEmptyDiff,
} from "../../plugins/processes/graph_core/diff.ts";
export {
  DEFAULT_MAX_DRAFT_CHARS,
  type Draft,
  type DraftSaveResult,
  type DraftStorage,
  DraftStore,
  type DraftStoreOptions,
} from "./draft_store.ts";
export {
  clickSelect,
  EMPTY_SELECTION,
  nodeIdsPrimaryFirst,
  nodesInBox,
  pruneSelection,
  rubberBandSelect,
  selectedEdgeIds,
  selectedNodeIds,
  selectIds,
  type Selection,
} from "./selection.ts";
export {
  edgeAt,
  edgePath,
  type Handle,
  handleAt,
  type HandleKind,
  handlesOf,
  laneAt,
  laneBorderAt,
  laneHeaderAt,
  nodeAt,
  nodeContains,
  resizeByHandle,
} from "./hit_test.ts";
export { sameGraph } from "./graph_equal.ts";
