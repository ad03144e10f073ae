// Test support: run a command the way the canvas does and check what every command must
// guarantee: the input is not mutated (it is frozen), the result passes the server's
// schema, undo gives back the identical graph, redo the result, and doing it again on the
// same input gives the same result.
import assert from "node:assert/strict";
import { type Command, CommandStack } from "../command_stack.ts";
import type { Graph } from "../model.ts";
import { assertValid, deepFreeze } from "./graphs.ts";

export function checkCommand(graph: Graph, command: Command): Graph {
  deepFreeze(graph);
  const stack = new CommandStack(graph);
  const result = stack.execute(command);
  assert.ok(result.ok, `${command.label} refused: ${!result.ok && result.refusal.message}`);
  const after = stack.graph;
  assertValid(after, command.label);
  assert.equal(stack.undo(), result.changed);
  assert.deepEqual(stack.graph, graph, `${command.label}: undo gives back the graph`);
  if (result.changed) {
    stack.redo();
    assert.deepEqual(stack.graph, after, `${command.label}: redo gives the result again`);
  }
  assert.deepEqual(command.do(graph), after, `${command.label} is deterministic`);
  return after;
}

/** The refusal reason of a command on a graph (fails if it applies). */
export function refusalOf(graph: Graph, command: Command): string {
  const result = new CommandStack(graph).execute(command);
  assert.ok(!result.ok, `${command.label} should be refused`);
  return result.refusal.reason;
}
