import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { requireAdmin } from "../../auth/guards";
import { errorBody, SESSION_ONLY } from "../../lib/openapi";
import { decodeCursor } from "../../lib/pagination";
import { csvFilename, csvResponse } from "../shared/csv";
import { ADMIN_ERRORS, AdminPageQuery, allPages, tableResponse } from "../shared/tables";
import { BooleanQuery, isoOrNull, SearchQuery } from "./filters";
import { listUsers, type UserRow } from "./users-list";

const AdminUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    displayName: z.string().nullable(),
    role: z.enum(["user", "admin"]),
    emailVerified: z.boolean(),
    createdAt: z.iso.datetime(),
    signupCountry: z.string().nullable(),
    signupRef: z.string().nullable(),
    signupUtmSource: z.string().nullable(),
    invitedBy: z.uuid().nullable().meta({ description: "The inviting user's id" }),
    member: z.boolean().meta({ description: "Subscribed and not expired now" }),
    subPlanType: z.string().nullable(),
    subExpiredAt: z.iso.datetime().nullable(),
    balance: z.int().meta({ description: "Spendable credits now (unexpired)" }),
    totalEarned: z.int(),
    totalUsed: z.int().meta({ description: "Spent on generations, net of refunds" }),
  })
  .meta({ id: "AdminUser" });

const UsersQuery = AdminPageQuery.extend({
  q: SearchQuery.meta({ description: "Substring of the email, name or display name" }),
  role: z.enum(["user", "admin"]).optional(),
  member: BooleanQuery.optional().meta({ description: "`true`: current members only" }),
  country: z.string().min(1).max(64).optional().meta({ description: "Sign-up country" }),
  ref: z.string().min(1).max(200).optional().meta({ description: "Sign-up `?ref=`" }),
  utmSource: z.string().min(1).max(200).optional().meta({ description: "Sign-up utm_source" }),
});

const usersRoute = createRoute({
  method: "get",
  path: "/api/admin/users",
  tags: ["Admin"],
  summary: "Users, newest first: search, sign-up attribution, membership and credit balance",
  security: SESSION_ONLY,
  middleware: requireAdmin(),
  request: { query: UsersQuery },
  responses: {
    ...tableResponse(
      z.object({ items: z.array(AdminUserSchema), nextCursor: z.string().nullable() }),
      "A page of users",
    ),
    400: errorBody("Bad filter or cursor"),
    ...ADMIN_ERRORS,
  },
});

const view = (row: UserRow) => ({
  ...row,
  role: row.role === "admin" ? ("admin" as const) : ("user" as const),
  createdAt: row.createdAt.toISOString(),
  subExpiredAt: isoOrNull(row.subExpiredAt),
});

export const adminUserRoutes = createRouter().openapi(usersRoute, async (c) => {
  const { format, cursor, limit, ...filters } = c.req.valid("query");
  const { db, now } = c.get("services");
  const at = now();
  if (format === "csv") {
    return csvResponse<UserRow>(c, {
      filename: csvFilename("users", at.toISOString().slice(0, 10)),
      columns: [
        { header: "created_at", value: (r) => r.createdAt },
        { header: "id", value: (r) => r.id },
        { header: "email", value: (r) => r.email },
        { header: "name", value: (r) => r.name },
        { header: "display_name", value: (r) => r.displayName },
        { header: "role", value: (r) => r.role },
        { header: "email_verified", value: (r) => r.emailVerified },
        { header: "signup_country", value: (r) => r.signupCountry },
        { header: "signup_ref", value: (r) => r.signupRef },
        { header: "signup_utm_source", value: (r) => r.signupUtmSource },
        { header: "invited_by", value: (r) => r.invitedBy },
        { header: "member", value: (r) => r.member },
        { header: "sub_plan_type", value: (r) => r.subPlanType },
        { header: "sub_expired_at", value: (r) => r.subExpiredAt },
        { header: "balance", value: (r) => r.balance },
        { header: "total_earned", value: (r) => r.totalEarned },
        { header: "total_used", value: (r) => r.totalUsed },
      ],
      batches: allPages((page, size) => listUsers(db, filters, { cursor: page, limit: size }, at)),
    });
  }
  const page = await listUsers(db, filters, { cursor: decodeCursor(cursor), limit }, at);
  return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
});
