// Graphs for the BPMN tests (test data only): every node type and field, with the awkward
// cases an XML round trip must not lose.
import { type Graph, type GraphInput, GraphSchema } from "../graph_schema.ts";

export const P = {
  ceo: "0190c5a4-1a2b-7c3d-8e4f-000000000001",
  clerk: "0190c5a4-1a2b-7c3d-8e4f-000000000002",
  auditor: "0190c5a4-1a2b-7c3d-8e4f-000000000003",
  sales: "0190c5a4-1a2b-7c3d-8e4f-000000000004",
  doc: "0190c5a4-1a2b-7c3d-8e4f-000000000005",
  crm: "0190c5a4-1a2b-7c3d-8e4f-000000000006",
  req: "0190c5a4-1a2b-7c3d-8e4f-000000000007",
  site: "0190c5a4-1a2b-7c3d-8e4f-000000000008",
  sub: "0190c5a4-1a2b-7c3d-8e4f-000000000009",
};

/** Every node type and field, with the awkward cases the XML must not lose. */
export function richGraph(): Graph {
  const input: GraphInput = {
    lanes: [
      { id: "lane_mgmt", name: "Geschäftsführung", positionId: P.ceo, size: 180 },
      { id: "lane_sales", name: "Vertrieb & Service", orgUnitId: P.sales, size: 220.5 },
      // Ids clash across lanes, nodes and edges: legal in our model, not in one XML file.
      { id: "review", name: "Revision <intern>" },
    ],
    nodes: [
      {
        id: "start",
        type: "start",
        label: "Antrag eingegangen",
        laneId: "lane_mgmt",
        ...at(60, 72, 36, 36),
      },
      {
        id: "review",
        type: "task",
        label: "Prüfung → Freigabe",
        laneId: "lane_mgmt",
        ...at(150, 50, 120, 80),
        raci: {
          responsible: [P.clerk],
          accountable: [P.ceo],
          consulted: [P.auditor, P.sales],
          informed: [],
        },
        links: { documents: [P.doc], systems: [P.crm], requirements: [P.req], locations: [P.site] },
        durationMinutes: 45,
        description: "## Prüfen\n\n- Betrag *und* Konto\n- <b>HTML</b> & \"Zitate\" ]]> 'x'\r\n\n" +
          "  eingerückt  \n| a | b |\n|---|---|\n| 1 | 2 |\n😀",
      },
      {
        id: "check",
        type: "xor",
        label: "Betrag > 5 000 €?",
        laneId: "lane_mgmt",
        ...at(330.25, 65.75, 50, 50),
      },
      {
        id: "sub",
        type: "subprocess",
        label: "Vertrag\nerstellen",
        laneId: "lane_sales",
        ...at(450, 230, 140, 90),
        processId: P.sub,
      },
      {
        id: "sub_unlinked",
        type: "subprocess",
        label: "Noch offen",
        laneId: "lane_sales",
        ...at(650, 230, 140, 90),
        processId: null,
      },
      { id: "sub_bare", type: "subprocess", label: "", laneId: "review", ...at(650, 420, 140, 90) },
      { id: "split", type: "and", label: "", laneId: "lane_sales", ...at(840, 250, 50, 50) },
      {
        id: "wait",
        type: "intermediate",
        label: "  Frist  ",
        laneId: "lane_sales",
        ...at(940, 257, 36, 36),
      },
      {
        id: "task_empty",
        type: "task",
        label: "Leer",
        laneId: "review",
        ...at(940, 430, 120, 80),
        raci: { responsible: [], accountable: [], consulted: [], informed: [] },
        links: {},
        durationMinutes: null,
        description: "",
      },
      {
        id: "task_blank",
        type: "task",
        label: " ",
        laneId: "review",
        ...at(1100, 430, 120, 80),
        description: " \n\t ",
      },
      { id: "loose", type: "task", label: "Ohne Spur", laneId: null, ...at(1100, -200, 120, 80) },
      {
        id: "end",
        type: "end",
        label: "Erledigt ✓",
        laneId: "lane_sales",
        ...at(1300, 257, 36, 36),
      },
      {
        id: "note",
        type: "annotation",
        label: "Vier-Augen-Prinzip\n(siehe Richtlinie)",
        laneId: null,
        ...at(300, -80, 160, 60),
      },
      {
        id: "note_in_lane",
        type: "annotation",
        label: "   ",
        laneId: "lane_sales",
        ...at(500, 350, 100, 40),
      },
      { id: "note_empty", type: "annotation", label: "", laneId: null, ...at(700, -80, 100, 40) },
    ],
    edges: [
      { id: "e1", from: "start", to: "review", waypoints: [{ x: 96, y: 90 }, { x: 150, y: 90 }] },
      { id: "e2", from: "review", to: "check", label: "weiter" },
      {
        id: "review",
        from: "check",
        to: "sub",
        label: "ja",
        condition: 'betrag > 5000 && kunde == "neu"',
        waypoints: [{ x: 355, y: 115.75 }, { x: 355, y: 275 }, { x: 450, y: 275 }],
      },
      { id: "e_no", from: "check", to: "sub_unlinked", label: "nein", condition: "" },
      { id: "e_blank", from: "sub", to: "split", condition: "  " },
      { id: "e_one", from: "sub_unlinked", to: "split", waypoints: [{ x: 800, y: 275 }] },
      { id: "e5", from: "split", to: "wait" },
      { id: "e6", from: "split", to: "sub_bare" },
      { id: "e7", from: "wait", to: "end" },
      { id: "e8", from: "sub_bare", to: "task_empty" },
      { id: "e9", from: "task_empty", to: "task_blank" },
      { id: "e10", from: "task_blank", to: "end" },
      { id: "e_loop", from: "task_blank", to: "task_blank" },
      { id: "e_loose", from: "loose", to: "end" },
      { id: "assoc", from: "note", to: "review", label: "Hinweis", condition: "immer" },
      { id: "assoc_back", from: "review", to: "note_in_lane" },
      { id: "start", from: "note_empty", to: "note" },
    ],
  };
  return GraphSchema.parse(input);
}

function at(x: number, y: number, width: number, height: number) {
  return { x, y, width, height };
}
