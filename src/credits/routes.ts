import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import type { CreditTransType } from "../db/schema";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_OR_API_KEY } from "../lib/openapi";
import { decodeCursor } from "../lib/pagination";
import { creditHistory, creditSummary, expiringCredits } from "./queries";
import {
  CreditHistoryQuery,
  CreditHistorySchema,
  CreditSummarySchema,
  ExpiringCreditsSchema,
  ExpiringQuery,
} from "./schemas";
import { creditEntryView, creditLabel } from "./views";

const tags = ["Credits"];
const middleware = requireUser({ scope: "credits:read" });

const summary = createRoute({
  method: "get",
  path: "/api/credits",
  tags,
  summary: "My credit balance, totals and the next credits to expire",
  security: SESSION_OR_API_KEY,
  middleware,
  responses: { 200: jsonBody(CreditSummarySchema, "My credits"), ...AUTH_ERRORS },
});

const history = createRoute({
  method: "get",
  path: "/api/credits/history",
  tags,
  summary: "My credit ledger, newest first",
  security: SESSION_OR_API_KEY,
  middleware,
  request: { query: CreditHistoryQuery },
  responses: {
    200: jsonBody(CreditHistorySchema, "A page of ledger entries"),
    400: errorBody("Unknown type, bad cursor or limit"),
    ...AUTH_ERRORS,
  },
});

const expiring = createRoute({
  method: "get",
  path: "/api/credits/expiring",
  tags,
  summary: "My credits that expire within the next `days` days (default 7)",
  security: SESSION_OR_API_KEY,
  middleware,
  request: { query: ExpiringQuery },
  responses: {
    200: jsonBody(ExpiringCreditsSchema, "Grants expiring soon, soonest first"),
    400: errorBody("days outside 1–365"),
    ...AUTH_ERRORS,
  },
});

export const creditRoutes = createRouter()
  .openapi(summary, async (c) => {
    const { db, now } = c.get("services");
    const result = await creditSummary(db, currentPrincipal(c).userId, now());
    return c.json({ ...result, nextExpiringAt: result.nextExpiringAt?.toISOString() ?? null }, 200);
  })
  .openapi(history, async (c) => {
    const { db } = c.get("services");
    const query = c.req.valid("query");
    const page = await creditHistory(db, currentPrincipal(c).userId, {
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
      types: query.type ?? null,
    });
    const t = c.get("t");
    return c.json(
      { items: page.items.map((row) => creditEntryView(t, row)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(expiring, async (c) => {
    const { db, now } = c.get("services");
    const { days } = c.req.valid("query");
    const rows = await expiringCredits(db, currentPrincipal(c).userId, now(), days);
    const t = c.get("t");
    return c.json(
      {
        days,
        total: rows.reduce((sum, row) => sum + (row.remaining ?? 0), 0),
        items: rows.map((row) => ({
          grantId: row.id,
          type: row.transType as CreditTransType,
          label: creditLabel(t, row.transType),
          remaining: row.remaining ?? 0,
          expiresAt: (row.expiresAt as Date).toISOString(),
          grantedAt: row.createdAt.toISOString(),
        })),
      },
      200,
    );
  });
