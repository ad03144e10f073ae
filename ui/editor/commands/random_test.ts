// Property-style: 150 random commands of every kind on a generated graph of 300
// nodes. Each one must leave its (frozen) input alone, pass the server's schema, undo to
// the identical graph and redo to its result; undoing all of them gives back the start.
import assert from "node:assert/strict";
import { type Command, CommandStack } from "../command_stack.ts";
import type { Graph } from "../model.ts";
import { NODE_TYPES } from "../model.ts";
import { checkCommand } from "../testing/commands.ts";
import { deepFreeze, generateGraph, random, uuidFrom } from "../testing/graphs.ts";
import { align, distribute } from "./arrange.ts";
import { copy, paste } from "./clipboard.ts";
import { deleteElements } from "./delete.ts";
import { addEdge, reconnectEdge, setEdgeCondition, setEdgeLabel } from "./edges.ts";
import { addLane, bindLane, deleteLane, renameLane, reorderLane, resizeLane } from "./lanes.ts";
import { addNode, moveNodes, resizeNode, setLabel } from "./nodes.ts";
import { setDescription, setDuration, setLinks, setRaci } from "./properties.ts";

function randomCommand(g: Graph, rnd: () => number): Command {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (n: number) => Math.floor(rnd() * n);
  const node = () => pick(g.nodes).id;
  const nodes = (k: number) => Array.from({ length: k }, node);
  const lane = () => pick(g.lanes).id;
  if (g.nodes.length < 50 || !g.lanes.length) return addLane("More");
  const makers: (() => Command)[] = [
    () => addNode(pick(NODE_TYPES), lane(), int(3000), int(900), { snap: rnd() < 0.5 }),
    () => moveNodes(nodes(1 + int(4)), int(400) - 200, int(400) - 200, { snap: rnd() < 0.3 }),
    () => {
      const n = pick(g.nodes);
      return resizeNode(n.id, { ...n, width: n.width + int(60) - 20, height: n.height + 10 });
    },
    () => setLabel(node(), `Step ${int(1000)}`),
    () => deleteElements([...nodes(1 + int(3)), ...(g.edges.length ? [pick(g.edges).id] : [])]),
    () => addEdge(node(), node()),
    () =>
      g.edges.length
        ? reconnectEdge(pick(g.edges).id, rnd() < 0.5 ? "from" : "to", node())
        : addLane("x"),
    () => g.edges.length ? setEdgeLabel(pick(g.edges).id, "yes") : addLane("y"),
    () =>
      g.edges.length
        ? setEdgeCondition(pick(g.edges).id, rnd() < 0.5 ? "a > 1" : null)
        : addLane("z"),
    () =>
      setRaci(node(), pick(["responsible", "accountable", "consulted", "informed"] as const), [
        uuidFrom(rnd),
      ]),
    () =>
      setLinks(node(), pick(["documents", "systems", "requirements", "locations"] as const), [
        uuidFrom(rnd),
      ]),
    () => setDuration(node(), rnd() < 0.2 ? null : int(600)),
    () => setDescription(node(), `*${int(99)}*`),
    () => addLane(`Lane ${int(99)}`, { index: int(g.lanes.length + 1) }),
    () => renameLane(lane(), `Team ${int(99)}`),
    () => reorderLane(lane(), int(g.lanes.length)),
    () => resizeLane(lane(), 100 + int(200)),
    () => g.lanes.length > 3 && rnd() < 0.3 ? deleteLane(lane()) : addLane("w"),
    () =>
      bindLane(lane(), rnd() < 0.5 ? { positionId: uuidFrom(rnd) } : { orgUnitId: uuidFrom(rnd) }),
    () => paste(copy(g, nodes(1 + int(5)))!, { dx: 300, dy: int(200) }),
    () =>
      align(
        nodes(2 + int(4)),
        pick(["left", "centerX", "right", "top", "centerY", "bottom"] as const),
      ),
    () => distribute(nodes(3 + int(4)), rnd() < 0.5 ? "horizontal" : "vertical"),
  ];
  return pick(makers)();
}

Deno.test("random commands on a 300-node graph: valid, undoable, deterministic", () => {
  const rnd = random(42);
  const start = deepFreeze(generateGraph(300, 5));
  const stack = new CommandStack(start);
  const kinds = new Set<string>();
  let refused = 0;
  for (let i = 0; i < 150; i++) {
    const before = stack.graph;
    const command = randomCommand(before, rnd);
    const result = stack.execute(command);
    if (!result.ok) {
      refused++;
      assert.equal(stack.graph, before, "a refusal changes nothing");
      continue;
    }
    kinds.add(command.label);
    stack.endBurst();
    // checkCommand repeats the command on a fresh stack with the frozen input.
    assert.deepEqual(checkCommand(before, command), stack.graph);
  }
  assert.ok(kinds.size >= 20, `most kinds of command ran: ${[...kinds].join(", ")}`);
  assert.ok(refused < 50, `${refused} refused (self-loops, duplicate edges…)`);
  while (stack.undo());
  assert.equal(stack.graph, start, "undoing everything gives back the very first value");
  assert.equal(stack.dirty, false);
});

Deno.test("a small change to a large graph copies one array and one element", () => {
  const g = deepFreeze(generateGraph(1000, 9));
  const after = new CommandStack(g);
  after.execute(setLabel("n500", "Renamed"));
  const next = after.graph;
  assert.equal(next.lanes, g.lanes);
  assert.equal(next.edges, g.edges);
  const changed = next.nodes.filter((n, i) => n !== g.nodes[i]);
  assert.deepEqual(changed.map((n) => n.id), ["n500"]);
});
