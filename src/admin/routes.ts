import { createRouter } from "../app/router";
import { adminAuditRoutes } from "./audit-routes";
import { adminCreditRoutes } from "./credits-routes";
import { adminGenerationRoutes } from "./generations/routes";
import { adminModerationRoutes } from "./moderation/routes";
import { adminPeopleRoutes } from "./people/routes";
import { adminRevenueRoutes } from "./revenue/routes";

/** Every /api/admin route: each one is requireAdmin() (403 to users, 401 signed out). */
export const adminRoutes = createRouter()
  .route("/", adminRevenueRoutes)
  .route("/", adminGenerationRoutes)
  .route("/", adminPeopleRoutes)
  .route("/", adminModerationRoutes)
  .route("/", adminCreditRoutes)
  .route("/", adminAuditRoutes);
