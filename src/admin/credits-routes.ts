import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireAdmin } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { creditSummary } from "../credits/queries";
import { CreditEntrySchema } from "../credits/schemas";
import { creditEntryView } from "../credits/views";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_ONLY } from "../lib/openapi";
import { adminGrantCredits } from "./credit-grants";

const AdminGrantBody = z
  .object({
    userId: z.uuid(),
    amount: z.number().int().min(1).max(1_000_000),
    reason: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .meta({ description: "Why (kept in the audit log, not shown to the user)" }),
    note: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "Shown to the user in their credit history" }),
    validDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .meta({ description: "Expire after this many days (default: never)" }),
  })
  .strict()
  .meta({ id: "AdminCreditGrant" });

const AdminGrantResultSchema = z
  .object({
    replayed: z.boolean().meta({ description: "Same Idempotency-Key seen before: nothing new" }),
    entry: CreditEntrySchema,
    balance: z.number().int().meta({ description: "The user's balance after the grant" }),
  })
  .meta({ id: "AdminCreditGrantResult" });

const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, "1–200 visible ASCII characters")
    .optional(),
});

const grantRoute = createRoute({
  method: "post",
  path: "/api/admin/credits/grant",
  tags: ["Admin"],
  summary: "Grant credits to a user (audited; Idempotency-Key makes a retry grant once)",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: AdminGrantBody } } },
  },
  responses: {
    201: jsonBody(AdminGrantResultSchema, "Granted"),
    200: jsonBody(AdminGrantResultSchema, "Already granted under this Idempotency-Key"),
    400: errorBody("Invalid user id, amount, reason or expiry"),
    404: errorBody("No such user"),
    409: errorBody("The Idempotency-Key was used for a different grant"),
    ...AUTH_ERRORS,
    403: errorBody("Not an admin"),
  },
});

export const adminCreditRoutes = createRouter().openapi(grantRoute, async (c) => {
  const services = c.get("services");
  const body = c.req.valid("json");
  const { entry, created } = await adminGrantCredits(services, {
    actorId: currentPrincipal(c).userId,
    requestId: c.get("requestId"),
    userId: body.userId,
    amount: body.amount,
    reason: body.reason,
    note: body.note ?? null,
    validDays: body.validDays ?? null,
    idempotencyKey: c.req.valid("header")["idempotency-key"] ?? null,
  });
  const { balance } = await creditSummary(services.db, body.userId, services.now());
  return c.json(
    { replayed: !created, entry: creditEntryView(c.get("t"), entry), balance },
    created ? 201 : 200,
  );
});
