import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { renderPage } from "../../render";

/** Placeholder until the create pages land. */
export const creatorPages = new Hono<AppEnv>().get("/create", (c) =>
  renderPage(c, { title: "create" }, <h1>create</h1>),
);
