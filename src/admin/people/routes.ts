import { createRouter } from "../../app/router";
import { adminOrderRoutes } from "./orders-routes";
import { adminSubscriptionRoutes } from "./subscriptions-routes";
import { adminUserRoutes } from "./users-routes";

/** People and money: users, orders and subscriptions, each as JSON pages or a CSV export. */
export const adminPeopleRoutes = createRouter()
  .route("/", adminUserRoutes)
  .route("/", adminOrderRoutes)
  .route("/", adminSubscriptionRoutes);
