// Erasing a person (the deletion plugin's onPersonErase): results are made from redacted
// input, but the answer a person sees has the placeholders restored, so a result or a
// finding may quote an erased person's name. Such copies are replaced by the pseudonym.
import { eq, like, or } from "drizzle-orm";
import { escapeLike } from "../../api/db/like.ts";
import type { PersonEraseContext } from "../../api/plugin.ts";
import { aiResults, aiSuggestions } from "./schema.ts";

export async function eraseQuotedNames(
  { scope, person }: PersonEraseContext,
): Promise<Record<string, number>> {
  if (!person.former.length) return {};
  const quoting = (column: typeof aiResults.output | typeof aiSuggestions.finding) =>
    or(...person.former.map((v) => like(column, `%${escapeLike(v)}%`)));
  const results = await scope.select(aiResults, {
    where: quoting(aiResults.output),
    forUpdate: true,
  });
  for (const r of results) {
    await scope.update(aiResults, { output: replaced(r.output, person) }, eq(aiResults.id, r.id));
  }
  const findings = await scope.select(aiSuggestions, {
    where: quoting(aiSuggestions.finding),
    forUpdate: true,
  });
  for (const s of findings) {
    await scope.update(
      aiSuggestions,
      { finding: replaced(s.finding, person) },
      eq(aiSuggestions.id, s.id),
    );
  }
  return { ai_results: results.length, ai_suggestions: findings.length };
}

/** `value` with every former value of the person, in every string inside, replaced. */
function replaced<T>(value: T, person: PersonEraseContext["person"]): T {
  if (typeof value === "string") {
    let out: string = value;
    for (const v of person.former) out = out.split(v).join(person.pseudonym);
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v) => replaced(v, person)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaced(v, person)]),
    ) as T;
  }
  return value;
}
