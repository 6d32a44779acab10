import { createRouter } from "../../app/router";

export const adminRevenueRoutes = createRouter();
