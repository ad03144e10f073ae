// Findings for the canvas: one marker per element a finding names, translated by code.
import assert from "node:assert/strict";
import { canvasFindings, findingMessage } from "./validation.ts";
import type { ValidationFinding } from "./editor_api.ts";
import { setLanguage } from "../../lib/i18n.ts";

const finding = (over: Partial<ValidationFinding>): ValidationFinding => ({
  severity: "warning",
  code: "unreachable-node",
  message: "Step A cannot be reached.",
  nodeIds: [],
  edgeIds: [],
  laneIds: [],
  ...over,
});

Deno.test("a finding naming several elements marks each; one about the process marks none", () => {
  const marks = canvasFindings([
    finding({ code: "gateway-single-outflow", nodeIds: ["g1"], edgeIds: ["e1", "e2"] }),
    finding({ code: "missing-start", severity: "error" }),
    finding({ code: "node-outside-lane", severity: "error", nodeIds: ["n"], laneIds: ["l"] }),
  ], (f) => f.code);
  assert.deepEqual(marks, [
    {
      code: "gateway-single-outflow",
      severity: "warning",
      message: "gateway-single-outflow",
      nodeId: "g1",
    },
    {
      code: "gateway-single-outflow",
      severity: "warning",
      message: "gateway-single-outflow",
      edgeId: "e1",
    },
    {
      code: "gateway-single-outflow",
      severity: "warning",
      message: "gateway-single-outflow",
      edgeId: "e2",
    },
    { code: "node-outside-lane", severity: "error", message: "node-outside-lane", nodeId: "n" },
    { code: "node-outside-lane", severity: "error", message: "node-outside-lane", laneId: "l" },
  ]);
});

Deno.test("messages come from the catalog by code, the server's text for unknown codes", () => {
  setLanguage("en");
  assert.equal(
    findingMessage({ code: "missing-end", message: "server text" }),
    "The process has no end event.",
  );
  assert.equal(
    findingMessage({ code: "brand-new-code" as never, message: "server text" }),
    "server text",
  );
});
