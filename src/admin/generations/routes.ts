import { createRouter } from "../../app/router";
import { generationOperationRoutes } from "./operations-routes";
import { generationStatsRoutes } from "./stats-routes";

/** Generation reports (daily, failures, error codes, types, provider spend) and operations. */
export const adminGenerationRoutes = createRouter()
  .route("/", generationStatsRoutes)
  .route("/", generationOperationRoutes);
