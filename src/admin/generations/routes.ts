import { createRouter } from "../../app/router";

export const adminGenerationRoutes = createRouter();
