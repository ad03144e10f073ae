import assert from "node:assert/strict";
import { findingsByElement } from "./findings.ts";

Deno.test("findings are grouped per element with the worst severity and every message once", () => {
  const m = findingsByElement([
    { code: "a", severity: "warning", message: "No name.", nodeId: "t1" },
    { code: "b", severity: "error", message: "Not reachable.", nodeId: "t1" },
    { code: "b", severity: "error", message: "Not reachable.", nodeId: "t1" },
    { code: "c", severity: "warning", message: "Empty lane.", laneId: "l1" },
    { code: "d", severity: "error", message: "Dangling flow.", edgeId: "f1", nodeId: "t2" },
    { code: "e", severity: "warning", message: "Whole process." },
  ]);
  assert.deepEqual(Object.fromEntries(m), {
    t1: { severity: "error", text: "No name.\nNot reachable." },
    l1: { severity: "warning", text: "Empty lane." },
    f1: { severity: "error", text: "Dangling flow." },
    t2: { severity: "error", text: "Dangling flow." },
  });
});

Deno.test("equal findings give the same map and unchanged entries keep their identity", () => {
  const list = (gone: string) => [
    { code: "a", severity: "warning", message: "No name.", nodeId: "t1" },
    { code: "b", severity: "error", message: gone, nodeId: "t2" },
  ];
  const first = findingsByElement(list("Gone."));
  assert.equal(findingsByElement(list("Gone."), first), first);
  const changed = findingsByElement(list("Still gone."), first);
  assert.notEqual(changed, first);
  assert.equal(changed.get("t1"), first.get("t1"));
  assert.notEqual(changed.get("t2"), first.get("t2"));
  assert.equal(findingsByElement([], first).size, 0);
});
