import type { Env } from "../env";

/**
 * `GET /__scheduled?cron=<expression>` runs that cron's jobs now — in development only
 * (ENVIRONMENT=development, as `npm run dev` sets it). `wrangler dev --test-scheduled` used to
 * inject this route, but only into Workers it bundles itself, and ours is built by
 * scripts/build-worker.mjs.
 */
export function isDevCronTrigger(request: Request, env: Env): boolean {
  return env.ENVIRONMENT === "development" && new URL(request.url).pathname === "/__scheduled";
}

export async function runDevCronTrigger(
  request: Request,
  run: (controller: ScheduledController) => Promise<void>,
): Promise<Response> {
  const cron = new URL(request.url).searchParams.get("cron") ?? "";
  await run({ cron, scheduledTime: Date.now(), noRetry() {} } as ScheduledController);
  return new Response(`Ran scheduled event for ${cron}\n`);
}
