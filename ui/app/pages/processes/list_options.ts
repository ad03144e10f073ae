// What the pickers offer: positions of the org charts (with the people holding them, so two
// "Team Lead" positions can be told apart) and processes (with their category).
import { unwrap } from "../../../lib/api/client.ts";
import { session } from "../../session.ts";
import { categoryName } from "./list_cells.ts";
import type { PickerSearch } from "./list_picker.ts";

const SHOWN = 20;

export const searchPositions: PickerSearch = async (q, signal) => {
  const page = unwrap(
    await session().api.GET("/api/v1/orgchart/positions", {
      params: { query: { q: q || undefined, limit: SHOWN } },
      signal,
    }),
  );
  return page.items.map((p) => ({
    id: p.id,
    label: p.title,
    detail: p.holders.map((h) => h.name).join(", ") || undefined,
  }));
};

export const searchProcesses: PickerSearch = async (q, signal) => {
  const page = unwrap(
    await session().api.GET("/api/v1/processes", {
      params: { query: { q: q || undefined, limit: SHOWN, sort: "title" } },
      signal,
    }),
  );
  return page.items.map((p) => ({ id: p.id, label: p.title, detail: categoryName(p.category) }));
};
