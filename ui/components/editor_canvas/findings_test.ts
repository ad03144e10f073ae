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
