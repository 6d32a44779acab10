import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { creditSummary } from "../credits/queries";
import { ApiError } from "../lib/errors";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_ONLY, SESSION_OR_API_KEY } from "../lib/openapi";
import { checkInReward } from "./rules";
import {
  CheckInResultSchema,
  IncentiveStatusSchema,
  ShareBody,
  ShareResultSchema,
} from "./schemas";
import { checkIn, claimShare, incentiveStatus } from "./service";

const tags = ["Incentives"];
// Rewards are claimed with a session: an API key must not become a check-in bot.
const claimMiddleware = requireUser();

const checkInRoute = createRoute({
  method: "post",
  path: "/api/incentives/check-in",
  tags,
  summary: "Daily check-in (once per UTC day; repeating it changes nothing)",
  security: SESSION_ONLY,
  middleware: claimMiddleware,
  responses: { 200: jsonBody(CheckInResultSchema, "Today's check-in"), ...AUTH_ERRORS },
});

const shareRoute = createRoute({
  method: "post",
  path: "/api/incentives/share",
  tags,
  summary: "Claim the reward for sharing a work (daily cap; one reward per URL per day)",
  security: SESSION_ONLY,
  middleware: claimMiddleware,
  request: { body: { required: true, content: { "application/json": { schema: ShareBody } } } },
  responses: {
    200: jsonBody(ShareResultSchema, "The claim"),
    400: errorBody("Unknown platform or not an https URL"),
    ...AUTH_ERRORS,
    429: errorBody("Today's share rewards are used up (DAILY_LIMIT_REACHED), or rate limited"),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/api/incentives/status",
  tags,
  summary: "Checked in today?, streak, next reward, share claims left",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "credits:read" }),
  responses: { 200: jsonBody(IncentiveStatusSchema, "Where I stand today"), ...AUTH_ERRORS },
});

export const incentiveRoutes = createRouter()
  .openapi(checkInRoute, async (c) => {
    const services = c.get("services");
    const userId = currentPrincipal(c).userId;
    const { created, row } = await checkIn(services, userId);
    const streak = row.streakCount ?? 1;
    const { balance } = await creditSummary(services.db, userId, services.now());
    return c.json(
      {
        alreadyCheckedIn: !created,
        date: row.rewardDate,
        streak,
        reward: row.rewardAmount,
        nextReward: checkInReward(streak + 1, services.configs.incentives.checkIn),
        balance,
      },
      200,
    );
  })
  .openapi(shareRoute, async (c) => {
    const services = c.get("services");
    const userId = currentPrincipal(c).userId;
    const body = c.req.valid("json");
    const { platforms, maxPerDay } = services.configs.incentives.share;
    if (!platforms.includes(body.platform)) {
      throw ApiError.validation("platform", `must be one of ${platforms.join(", ")}`);
    }
    const { created, row, claimedToday } = await claimShare(services, userId, body);
    const { balance } = await creditSummary(services.db, userId, services.now());
    return c.json(
      {
        alreadyClaimed: !created,
        date: row.rewardDate,
        platform: String(row.metadata?.platform ?? body.platform),
        url: String(row.metadata?.url ?? body.url),
        reward: row.rewardAmount,
        claimsLeft: Math.max(0, maxPerDay - claimedToday),
        balance,
      },
      200,
    );
  })
  .openapi(statusRoute, async (c) => {
    const services = c.get("services");
    const status = await incentiveStatus(services, currentPrincipal(c).userId);
    return c.json(
      {
        date: status.date,
        resetsAt: status.resetsAt.toISOString(),
        checkIn: {
          checkedInToday: status.checkIn.checkedInToday,
          streak: status.checkIn.streak,
          todayReward: status.checkIn.todayReward,
          nextReward: status.checkIn.nextReward,
        },
        share: status.share,
      },
      200,
    );
  });
