// Step properties: RACI, links, duration, description, called process.
import assert from "node:assert/strict";
import { CommandStack } from "../command_stack.ts";
import { checkCommand, refusalOf } from "../testing/commands.ts";
import { smallGraph } from "../testing/graphs.ts";
import { setDescription, setDuration, setLinks, setRaci, setSubprocess } from "./properties.ts";

const check = (g: ReturnType<typeof smallGraph>) => g.nodes.find((n) => n.id === "check")!;

Deno.test("setRaci sets one role, keeps the others and drops repeated ids", () => {
  const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
  let g = checkCommand(smallGraph(), setRaci("check", "responsible", [a, b, a]));
  assert.deepEqual(check(g).raci, {
    responsible: [a, b],
    accountable: [],
    consulted: [],
    informed: [],
  });
  g = checkCommand(g, setRaci("check", "informed", [b]));
  assert.deepEqual(check(g).raci!.responsible, [a, b]);
  assert.deepEqual(check(g).raci!.informed, [b]);
  assert.equal(checkCommand(g, setRaci("check", "informed", [b])), g, "unchanged: no step");
  assert.equal(refusalOf(g, setRaci("check", "consulted", ["ceo"])), "invalid-value");
  const many = Array.from({ length: 101 }, () => crypto.randomUUID());
  assert.equal(refusalOf(g, setRaci("check", "consulted", many)), "limit-reached");
});

Deno.test("setLinks sets one kind of linked objects", () => {
  const doc = crypto.randomUUID();
  const g = checkCommand(smallGraph(), setLinks("check", "documents", [doc]));
  assert.deepEqual(check(g).links, {
    documents: [doc],
    systems: [],
    requirements: [],
    locations: [],
  });
  assert.equal(refusalOf(g, setLinks("nope", "systems", [])), "unknown-element");
});

Deno.test("setDuration: whole minutes up to a year, null for unknown", () => {
  const g = checkCommand(smallGraph(), setDuration("check", 90));
  assert.equal(check(g).durationMinutes, 90);
  assert.equal(check(checkCommand(g, setDuration("check", null))).durationMinutes, null);
  const plain = smallGraph();
  assert.equal(checkCommand(plain, setDuration("check", null)), plain, "unset stays unset");
  for (const bad of [-1, 1.5, 525_601, NaN]) {
    assert.equal(refusalOf(g, setDuration("check", bad)), "invalid-value", String(bad));
  }
});

Deno.test("setDescription: Markdown up to 20,000 characters, typing is one undo step", () => {
  const stack = new CommandStack(smallGraph());
  for (const text of ["#", "# Do", "# Do it"]) stack.execute(setDescription("check", text));
  assert.equal(check(stack.graph).description, "# Do it");
  assert.equal(stack.undoDepth, 1);
  assert.equal(refusalOf(smallGraph(), setDescription("check", "x".repeat(20_001))), "too-long");
  const g = smallGraph();
  assert.equal(checkCommand(g, setDescription("check", "")), g, "clearing nothing is no change");
});

Deno.test("setSubprocess links the called process", () => {
  const id = crypto.randomUUID();
  const g = checkCommand(smallGraph(), setSubprocess("check", id));
  assert.equal(check(g).processId, id);
  assert.equal(refusalOf(g, setSubprocess("check", "order")), "invalid-value");
});
