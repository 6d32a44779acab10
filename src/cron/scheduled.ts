import type { Services } from "../context";
import { recordExpiredCredits } from "../credits/expiry";
import { purgeDeletedGenerationMedia } from "../generations/media-cleanup";
import { pipelineDeps } from "../generations/pipeline-deps";
import { sweepGenerations } from "../generations/sweeper";
import { purgeExpiredAuthRecords } from "../housekeeping/service";
import { grantMissingSignupBonuses } from "../incentives/signup-bonus";

export type CronJob = { name: string; run(services: Services): Promise<unknown> };

/** Jobs per cron expression; the expressions match [triggers] crons in wrangler.toml. */
export const CRON_JOBS: Record<string, CronJob[]> = {
  "*/5 * * * *": [{ name: "sweep-generations", run: (s) => sweepGenerations(pipelineDeps(s)) }],
  "17 3 * * *": [
    { name: "purge-expired-auth-records", run: (s) => purgeExpiredAuthRecords(s.db, s.now()) },
    {
      name: "purge-deleted-generation-media",
      run: (s) => purgeDeletedGenerationMedia(s.db, s.config.bindings.MEDIA, s.now()),
    },
  ],
  "*/30 * * * *": [
    { name: "record-expired-credits", run: (s) => recordExpiredCredits(s.db, s.now()) },
    {
      name: "grant-missing-signup-bonuses",
      run: (s) => grantMissingSignupBonuses(s.db, s.configs.incentives.signupBonus, s.now()),
    },
  ],
};

/**
 * Runs every job of the fired cron. Jobs are independent: one failing is logged and does not
 * stop the others; the run then throws so Cloudflare records the failure.
 */
export async function runScheduled(cron: string, services: Services): Promise<void> {
  const jobs = CRON_JOBS[cron];
  if (!jobs) {
    services.logger.warn("cron: no jobs for expression", { cron });
    return;
  }
  const failures: string[] = [];
  for (const job of jobs) {
    const started = Date.now();
    try {
      const result = await job.run(services);
      services.logger.info("cron: job done", {
        cron,
        job: job.name,
        result,
        durationMs: Date.now() - started,
      });
    } catch (error) {
      failures.push(job.name);
      services.logger.error("cron: job failed", { cron, job: job.name, err: error });
    }
  }
  if (failures.length > 0) throw new Error(`cron ${cron}: failed jobs: ${failures.join(", ")}`);
}
