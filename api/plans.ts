// What each plan allows, decided here and nowhere else.
import type { Context } from "hono";
import type { AppEnv, TenantInfo } from "./env.ts";
import { ProblemError } from "./problem.ts";

export type Plan = TenantInfo["plan"];
export type Feature = "apiKeys" | "publicApi";

export const TRIAL_DAYS = 14;

const FEATURES: Record<Plan, Record<Feature, boolean>> = {
  trial: { apiKeys: false, publicApi: false },
  standard: { apiKeys: false, publicApi: false },
  excellence: { apiKeys: true, publicApi: true },
};

/** Whether `plan` includes `feature`. */
export const planAllows = (plan: Plan, feature: Feature) => FEATURES[plan][feature];

/** Whether the tenant's trial has run out (it stays readable until its plan changes). */
export const trialExpired = (t: Pick<TenantInfo, "plan" | "trialEndsAt">, now = new Date()) =>
  t.plan === "trial" && t.trialEndsAt !== null && t.trialEndsAt.getTime() <= now.getTime();

/** Refuses `feature` on plans that lack it (403 plan-required). */
export function requireFeature(tenant: TenantInfo, feature: Feature) {
  if (!planAllows(tenant.plan, feature)) {
    throw new ProblemError(
      403,
      "plan-required",
      `This needs the excellence plan; your workspace is on ${tenant.plan}.`,
      { feature, plan: tenant.plan },
    );
  }
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** An expired trial is read-only: a write gets 403 trial-expired until the plan changes. */
export function checkTrial(c: Context<AppEnv>) {
  const tenant = c.get("tenant");
  if (tenant && !READS.has(c.req.method) && trialExpired(tenant)) {
    throw new ProblemError(
      403,
      "trial-expired",
      "The trial of this workspace has ended; it is read-only until an executive chooses a plan.",
      { trialEndedAt: tenant.trialEndsAt?.toISOString() },
    );
  }
}
