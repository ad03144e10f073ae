// The org chart API's own problems in the person's language. The problem bar shows a
// problem's `detail` when the core catalog has no message for its type; these problems carry
// what the message needs (the cycle's path, the counts), so the detail is rewritten here.
import { ApiProblem, isApiProblem } from "../../../lib/api/client.ts";
import { t } from "../../../lib/i18n.ts";
import { problemSlug } from "../../../lib/problems.ts";

export { type UsedIn, usedIn } from "../../../lib/problems.ts";

/** `e` with a localized detail when it is one of the org chart's problems; else `e`. */
export function localized(e: unknown): unknown {
  if (!isApiProblem(e)) return e;
  const p = e.problem as Record<string, unknown>;
  const detail = detailOf(problemSlug(e.type), p);
  return detail ? new ApiProblem({ ...e.problem, detail }) : e;
}

function detailOf(slug: string, p: Record<string, unknown>): string | undefined {
  switch (slug) {
    case "cycle": {
      const path = (p.cycle as { name: string }[] | undefined) ?? [];
      return t("orgchart.problem.cycle", { path: path.map((x) => x.name).join(" → ") });
    }
    case "unit-not-empty":
      return t("orgchart.problem.unitNotEmpty", {
        children: Number(p.children ?? 0),
        positions: Number(p.positions ?? 0),
      });
    case "chart-not-empty":
      return t("orgchart.problem.chartNotEmpty", { units: Number(p.units ?? 0) });
    case "external-key-taken":
      return t("orgchart.problem.keyTaken");
    case "chart-limit":
      return t("orgchart.problem.chartLimit", { max: Number(p.max ?? 0) });
  }
}
