import { createRouter } from "../../app/router";
import { costRoutes } from "./costs-routes";
import { revenueReportRoutes } from "./revenue-routes";

/** Money: revenue reports, MRR, profit and the operation costs they subtract. */
export const adminRevenueRoutes = createRouter()
  .route("/", revenueReportRoutes)
  .route("/", costRoutes);
