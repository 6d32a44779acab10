import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { renderPage } from "../../render";

/** Placeholder until the account pages land. */
export const accountPages = new Hono<AppEnv>().get("/pricing", (c) =>
  renderPage(c, { title: "account" }, <h1>account</h1>),
);
