import { createRouter } from "../../app/router";

export const adminModerationRoutes = createRouter();
