import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { adminPage } from "../../navigation";
import {
  createCostAction,
  moderateAction,
  refundAction,
  retryAction,
  updateCostAction,
} from "./actions";
import { costsPage } from "./costs-page";
import { dashboardPage } from "./dashboard-page";
import { generationsPage } from "./generations-page";
import { moderationPage } from "./moderation-page";
import { ordersPage } from "./orders-page";
import { usersPage } from "./users-page";

/**
 * The admin pages: reports, lists and moderation over the same services as /api/admin. Every
 * action is a plain form posting here; admin.js sends the same forms to the JSON API instead.
 */
export const adminPages = new Hono<AppEnv>()
  .use("/admin", adminPage)
  .use("/admin/*", adminPage)
  .get("/admin", dashboardPage)
  .get("/admin/generations", generationsPage)
  .post("/admin/generations/:uuid/retry-ingest", retryAction)
  .post("/admin/generations/:uuid/refund", refundAction)
  .get("/admin/costs", costsPage)
  .post("/admin/costs", createCostAction)
  .post("/admin/costs/:id", updateCostAction)
  .get("/admin/users", usersPage)
  .get("/admin/orders", ordersPage)
  .get("/admin/moderation", moderationPage)
  .post("/admin/moderation/:type/:uuid", moderateAction);
