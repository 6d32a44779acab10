import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { adminPage } from "../../navigation";
import { renderPage } from "../../render";

/** Placeholder until the admin pages land. */
export const adminPages = new Hono<AppEnv>()
  .use("/admin", adminPage)
  .use("/admin/*", adminPage)
  .get("/admin", (c) => renderPage(c, { title: "admin" }, <h1>admin</h1>));
