// Feedback on a published process: helpful or not, with an optional text, one per person
// (giving it again replaces it). Everyone sees the tally; the process owner and executives
// read the texts; the owner is told.
import { and, desc, eq } from "drizzle-orm";
import type { Config } from "../../api/config.ts";
import { uuidv7 } from "../../api/db/ids.ts";
import type { TenantScope } from "../../api/db/tenant_scope.ts";
import { ProblemError } from "../../api/problem.ts";
import { type Actor, isOwnerOrExecutive, processOf } from "./access.ts";
import { feedbackLink } from "./links.ts";
import { namesOf, notify } from "./notify.ts";
import { feedback } from "./schema.ts";
import { excerptOf } from "./texts.ts";

type Row = typeof feedback.$inferSelect;

export interface Feedback {
  id: string;
  processId: string;
  versionNumber: number;
  user: { id: string; displayName: string };
  helpful: boolean;
  text: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FeedbackSummary {
  processId: string;
  helpful: number;
  notHelpful: number;
  /** The caller's own feedback, if they gave one. */
  mine: Feedback | null;
  /** Whether the caller reads everyone's texts (the owner, executives). */
  canReadAll: boolean;
  /** Everyone's feedback, newest first: for the owner and executives, else empty. */
  items: Feedback[];
}

/** Gives (or replaces) the caller's feedback on a published process. */
export async function giveFeedback(
  scope: TenantScope,
  config: Config,
  input: { processId: string; helpful: boolean; text?: string | null },
  actor: Actor,
): Promise<Feedback> {
  const process = await processOf(scope, input.processId);
  if (process.publishedVersion < 1) {
    throw new ProblemError(
      409,
      "not-published",
      "Feedback is given on a published process; this one has no published version yet.",
    );
  }
  const now = new Date();
  await scope.transaction(async (tx) => {
    const mine = await tx.first(
      feedback,
      and(eq(feedback.processId, input.processId), eq(feedback.userId, actor.userId)),
      { forUpdate: true },
    );
    const values = {
      versionNumber: process.publishedVersion,
      helpful: input.helpful ? 1 : 0,
      text: input.text || null,
      updatedAt: now,
    };
    if (mine) {
      await tx.update(feedback, values, eq(feedback.id, mine.id));
    } else {
      await tx.insert(feedback, {
        id: uuidv7(),
        processId: input.processId,
        userId: actor.userId,
        createdAt: now,
        ...values,
      });
    }
    await notify(tx, config, {
      userIds: [process.ownerUserId],
      category: "feedback",
      event: "feedback.given",
      processId: process.id,
      actorId: actor.userId,
      data: {
        processTitle: process.title,
        actorName: actor.displayName,
        status: input.helpful ? "helpful" : "not-helpful",
        excerpt: input.text ? excerptOf(input.text) : null,
      },
      link: feedbackLink(process.id),
    });
  });
  const row = await scope.first(
    feedback,
    and(eq(feedback.processId, input.processId), eq(feedback.userId, actor.userId)),
  );
  return (await present(scope, [row!]))[0];
}

/** The tally of a process, the caller's own feedback, and the texts for who may read them. */
export async function feedbackSummary(
  scope: TenantScope,
  processId: string,
  viewer: Actor,
): Promise<FeedbackSummary> {
  const process = await processOf(scope, processId);
  const rows = await scope.select(feedback, {
    where: eq(feedback.processId, processId),
    orderBy: [desc(feedback.updatedAt), desc(feedback.id)],
  });
  const canReadAll = isOwnerOrExecutive(process, viewer);
  const own = rows.find((r) => r.userId === viewer.userId);
  const shown = canReadAll ? rows : own ? [own] : [];
  const all = await present(scope, shown);
  return {
    processId,
    helpful: rows.filter((r) => r.helpful === 1).length,
    notHelpful: rows.filter((r) => r.helpful !== 1).length,
    mine: all.find((f) => f.user.id === viewer.userId) ?? null,
    canReadAll,
    items: canReadAll ? all : [],
  };
}

async function present(scope: TenantScope, rows: Row[]): Promise<Feedback[]> {
  const names = await namesOf(scope, rows.map((r) => r.userId));
  return rows.map((r) => ({
    id: r.id,
    processId: r.processId,
    versionNumber: r.versionNumber,
    user: { id: r.userId, displayName: names.get(r.userId) ?? "Integration" },
    helpful: r.helpful === 1,
    text: r.text ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
