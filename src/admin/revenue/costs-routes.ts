import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { requireAdmin } from "../../auth/guards";
import { currentPrincipal } from "../../auth/principal";
import { errorBody, jsonBody, SESSION_ONLY } from "../../lib/openapi";
import { csvFilename, csvResponse } from "../shared/csv";
import { CurrencyFilter, monthRangeQuery, resolveMonthRange } from "../shared/ranges";
import { ADMIN_ERRORS, FormatQuery, tableResponse } from "../shared/tables";
import { type CostRow, costView, createCost, deleteCost, listCosts, updateCost } from "./costs";
import { CostBody, CostPatchBody, CostSchema } from "./schemas";

const tags = ["Admin"];
const common = { tags, security: SESSION_ONLY, middleware: requireAdmin() };
const IdParam = z.object({ id: z.uuid() });

const listRoute = createRoute({
  ...common,
  method: "get",
  path: "/api/admin/costs",
  summary: "Operation costs per month and platform, newest month first",
  request: {
    query: monthRangeQuery({
      platform: z.string().trim().toLowerCase().max(64).optional(),
      currency: CurrencyFilter,
      ...FormatQuery.shape,
    }),
  },
  responses: {
    ...tableResponse(
      z.object({ from: z.string(), to: z.string(), items: z.array(CostSchema) }),
      "Costs in the range",
    ),
    400: errorBody("Bad range or filter"),
    ...ADMIN_ERRORS,
  },
});

const createCostRoute = createRoute({
  ...common,
  method: "post",
  path: "/api/admin/costs",
  summary: "Record a platform's cost for a month (one per month and platform)",
  request: { body: { required: true, content: { "application/json": { schema: CostBody } } } },
  responses: {
    201: jsonBody(CostSchema, "Recorded"),
    400: errorBody("Bad month, platform, amount or currency"),
    409: errorBody("COST_ALREADY_EXISTS: that month and platform has a cost; edit it instead"),
    ...ADMIN_ERRORS,
  },
});

const updateCostRoute = createRoute({
  ...common,
  method: "patch",
  path: "/api/admin/costs/{id}",
  summary: "Change a recorded cost",
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: CostPatchBody } } },
  },
  responses: {
    200: jsonBody(CostSchema, "Changed"),
    400: errorBody("Bad field"),
    404: errorBody("No such cost"),
    409: errorBody("COST_ALREADY_EXISTS: another cost has that month and platform"),
    ...ADMIN_ERRORS,
  },
});

const deleteCostRoute = createRoute({
  ...common,
  method: "delete",
  path: "/api/admin/costs/{id}",
  summary: "Delete a recorded cost",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, 404: errorBody("No such cost"), ...ADMIN_ERRORS },
});

export const costRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { format, platform, currency, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const range = resolveMonthRange(query, now());
    const rows = await listCosts(db, { range, platform, currency });
    if (format === "csv") {
      return csvResponse<CostRow>(c, {
        filename: csvFilename("costs", range.from, range.to),
        columns: [
          { header: "month", value: (r) => r.month },
          { header: "platform", value: (r) => r.platform },
          { header: "amount", value: (r) => r.amount },
          { header: "currency", value: (r) => r.currency },
          { header: "note", value: (r) => r.note },
          { header: "id", value: (r) => r.id },
          { header: "updated_at", value: (r) => r.updatedAt },
        ],
        batches: [rows],
      });
    }
    return c.json({ ...range, items: rows.map(costView) }, 200);
  })
  .openapi(createCostRoute, async (c) => {
    const body = c.req.valid("json");
    const row = await createCost(
      c.get("services").db,
      { ...body, note: body.note ?? null },
      { actorId: currentPrincipal(c).userId, requestId: c.get("requestId") },
    );
    return c.json(costView(row), 201);
  })
  .openapi(updateCostRoute, async (c) => {
    const row = await updateCost(
      c.get("services").db,
      c.req.valid("param").id,
      c.req.valid("json"),
      { actorId: currentPrincipal(c).userId, requestId: c.get("requestId") },
    );
    return c.json(costView(row), 200);
  })
  .openapi(deleteCostRoute, async (c) => {
    await deleteCost(c.get("services").db, c.req.valid("param").id, {
      actorId: currentPrincipal(c).userId,
      requestId: c.get("requestId"),
    });
    return c.body(null, 204);
  });
