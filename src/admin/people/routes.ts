import { createRouter } from "../../app/router";

export const adminPeopleRoutes = createRouter();
