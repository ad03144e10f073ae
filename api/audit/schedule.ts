// The anchoring job on Deno: anchorDueChains at start and then every few minutes, one run at
// a time. (Workers run the same job from a Cron Trigger, see api/worker.ts.) Several
// instances may run it at once: an anchor of the same head is stored once.
import type { Db } from "../db/client.ts";
import { describeError } from "../error_log.ts";
import type { Logger } from "../log.ts";
import { anchorDueChains } from "./anchors.ts";
import type { AuditSigner } from "./signing.ts";

export interface AnchoringJob {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Anchors every chain with new entries now and every `everyMs`. */
export function scheduleAnchoring(
  options: { db: Db; signer: AuditSigner; everyMs: number; logger: Logger },
): AnchoringJob {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= anchorDueChains(options.db, options.signer, { logger: options.logger })
      .then(({ anchored, refused, failed }) => {
        if (anchored || refused || failed) {
          options.logger.info("audit chains anchored", { anchored, refused, failed });
        }
      })
      .catch((e) =>
        options.logger.warn("audit anchoring did not run", {
          ...describeError(e),
        })
      )
      .finally(() => running = undefined);
  };
  run();
  const timer = setInterval(run, options.everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
