import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { renderPage } from "../../render";

/** Placeholder until the gallery pages land. */
export const galleryPages = new Hono<AppEnv>().get("/", (c) =>
  renderPage(c, { title: "gallery" }, <h1>gallery</h1>),
);
