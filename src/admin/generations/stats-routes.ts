import { z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { csvFilename, csvResponse } from "../shared/csv";
import { dayRangeQuery, resolveDayRange } from "../shared/ranges";
import { FormatQuery, ReportRangeSchema, reportRoute } from "../shared/tables";
import {
  dailyFailures,
  dailyGenerations,
  errorCodeCounts,
  providerSpend,
  typeSummary,
} from "./stats-queries";

const DayQuery = dayRangeQuery(FormatQuery.shape);
const range = ReportRangeSchema;
const TOP_ERRORS = 10;

const DailySchema = z
  .object({
    date: z.string(),
    total: z.int(),
    succeeded: z.int(),
    failed: z.int(),
    running: z.int().meta({ description: "Still pending or processing" }),
    image: z.int(),
    video: z.int(),
  })
  .meta({ id: "AdminGenerationsDaily" });
const FailureSchema = z
  .object({ date: z.string(), type: z.enum(["image", "video"]), failedCount: z.int() })
  .meta({ id: "AdminGenerationFailuresDaily" });
const ErrorCodeSchema = z
  .object({
    errorCode: z.string(),
    type: z.string(),
    count: z.int(),
    lastAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "AdminGenerationErrorCode" });
const TypeSchema = z
  .object({
    type: z.string(),
    total: z.int(),
    succeeded: z.int(),
    failed: z.int(),
    lastUpdatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "AdminGenerationType" });
const SpendFigures = z.object({
  tasks: z.int(),
  tasksWithCost: z.int().meta({ description: "Tasks whose provider reported its cost" }),
  providerCredits: z.int().meta({ description: "Provider credits consumed, where reported" }),
  creditsCharged: z.int().meta({ description: "Our credits charged for the same tasks" }),
});
const SpendSchema = SpendFigures.extend({
  date: z.string(),
  provider: z.string(),
  model: z.string(),
}).meta({ id: "AdminProviderSpend" });

const dailyRoute = reportRoute(
  "/api/admin/generations/daily",
  "Generations per UTC day of creation: total, succeeded, failed, running, per type",
  DayQuery,
  range.extend({ items: z.array(DailySchema) }),
);
const failuresRoute = reportRoute(
  "/api/admin/generations/failures",
  "Failed generations per UTC day and type, with the top error codes of the range",
  DayQuery,
  range.extend({ items: z.array(FailureSchema), topErrors: z.array(ErrorCodeSchema) }),
);
const errorCodesRoute = reportRoute(
  "/api/admin/generations/error-codes",
  "Every error code failed generations of the range ended with, per type, most frequent first",
  DayQuery,
  range.extend({ items: z.array(ErrorCodeSchema) }),
);
const typesRoute = reportRoute(
  "/api/admin/generations/types",
  "Generations per type, all time: total, succeeded, failed, last update",
  FormatQuery,
  z.object({ items: z.array(TypeSchema) }),
);
const spendRoute = reportRoute(
  "/api/admin/generations/spend",
  "Provider spend per UTC day, provider and model (where the provider reports it) beside our credits",
  DayQuery,
  range.extend({ items: z.array(SpendSchema), totals: SpendFigures }),
);

const errorColumns = [
  { header: "error_code", value: (r: { errorCode: string }) => r.errorCode },
  { header: "type", value: (r: { type: string }) => r.type },
  { header: "count", value: (r: { count: number }) => r.count },
  { header: "last_at", value: (r: { lastAt: string | null }) => r.lastAt },
];

export const generationStatsRoutes = createRouter()
  .openapi(dailyRoute, async (c) => {
    const { format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveDayRange(query, now());
    const items = await dailyGenerations(db, at);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("generations-daily", at.from, at.to),
        columns: [
          { header: "date", value: (r) => r.date },
          { header: "total", value: (r) => r.total },
          { header: "succeeded", value: (r) => r.succeeded },
          { header: "failed", value: (r) => r.failed },
          { header: "running", value: (r) => r.running },
          { header: "image", value: (r) => r.image },
          { header: "video", value: (r) => r.video },
        ],
        batches: [items],
      });
    }
    return c.json({ ...at, items }, 200);
  })
  .openapi(failuresRoute, async (c) => {
    const { format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveDayRange(query, now());
    const items = await dailyFailures(db, at);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("generation-failures", at.from, at.to),
        columns: [
          { header: "date", value: (r) => r.date },
          { header: "type", value: (r) => r.type },
          { header: "failed_count", value: (r) => r.failedCount },
        ],
        batches: [items],
      });
    }
    const topErrors = await errorCodeCounts(db, at, TOP_ERRORS);
    return c.json({ ...at, items, topErrors }, 200);
  })
  .openapi(errorCodesRoute, async (c) => {
    const { format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveDayRange(query, now());
    const items = await errorCodeCounts(db, at);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("generation-error-codes", at.from, at.to),
        columns: errorColumns,
        batches: [items],
      });
    }
    return c.json({ ...at, items }, 200);
  })
  .openapi(typesRoute, async (c) => {
    const { format } = c.req.valid("query");
    const { db, now } = c.get("services");
    const items = await typeSummary(db);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("generation-types", now().toISOString().slice(0, 10)),
        columns: [
          { header: "type", value: (r) => r.type },
          { header: "total", value: (r) => r.total },
          { header: "succeeded", value: (r) => r.succeeded },
          { header: "failed", value: (r) => r.failed },
          { header: "last_updated_at", value: (r) => r.lastUpdatedAt },
        ],
        batches: [items],
      });
    }
    return c.json({ items }, 200);
  })
  .openapi(spendRoute, async (c) => {
    const { format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveDayRange(query, now());
    const { items, totals } = await providerSpend(db, at);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("provider-spend", at.from, at.to),
        columns: [
          { header: "date", value: (r) => r.date },
          { header: "provider", value: (r) => r.provider },
          { header: "model", value: (r) => r.model },
          { header: "tasks", value: (r) => r.tasks },
          { header: "tasks_with_cost", value: (r) => r.tasksWithCost },
          { header: "provider_credits", value: (r) => r.providerCredits },
          { header: "credits_charged", value: (r) => r.creditsCharged },
        ],
        batches: [items],
      });
    }
    return c.json({ ...at, items, totals }, 200);
  });
