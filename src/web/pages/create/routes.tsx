import { Hono } from "hono";
import type { AppEnv } from "../../../context";
import { listOwnGenerations } from "../../../generations/queries";
import { GenerationListQuery } from "../../../generations/schemas";
import { generationView } from "../../../generations/views";
import { ApiError } from "../../../lib/errors";
import { decodeCursor } from "../../../lib/pagination";
import { guardedViewer, signedInPage } from "../../navigation";
import { renderPage } from "../../render";
import { creatorConfig, initialQuote, reusedRequest, selectionOf } from "./create-data";
import { CreatePage } from "./create-page";
import { LibraryPage } from "./library-page";

/** Texts create.js and library.js build into the page after it loaded. */
const WORK_TEXT = [
  "web.create.publicToggle",
  "web.create.status.pending",
  "web.create.status.processing",
  "web.create.status.succeeded",
  "web.create.status.failed",
  "web.layout.credits",
];

/**
 * The generator (/create) and the creator's own library (/library), over the same services as
 * /api/configs, /api/generations and /api/artworks/:type/:uuid/reuse.
 */
export const creatorPages = new Hono<AppEnv>()
  .get("/create", signedInPage, async (c) => {
    const viewer = await guardedViewer(c);
    const { configs, db } = c.get("services");
    const t = c.get("t");
    const config = creatorConfig(configs, t);
    const reused = await reusedRequest(db, viewer.id, c.req.query("reuse"));
    const selection = selectionOf(config, reused === "unavailable" ? null : reused);
    return renderPage(
      c,
      {
        title: t("web.create.title"),
        scripts: ["library.js", "create.js"],
        clientText: [
          ...WORK_TEXT,
          "web.create.balance",
          "web.create.insufficient",
          "web.create.submitting",
          "web.create.done",
          "web.create.failedHint",
          "web.create.none",
          "web.create.seconds",
          "web.create.promptHint",
          "web.create.pollLost",
        ],
      },
      <CreatePage
        t={t}
        config={config}
        selection={selection}
        balance={viewer.balance}
        quote={initialQuote(configs, selection)}
        reuseUnavailable={reused === "unavailable"}
      />,
    );
  })
  .get("/library", signedInPage, async (c) => {
    const viewer = await guardedViewer(c);
    const { configs, db } = c.get("services");
    const t = c.get("t");
    // Empty selects submit "": no filter, as in the API where the parameter is absent.
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
    const parsed = GenerationListQuery.safeParse(raw);
    if (!parsed.success) throw ApiError.fromZod(parsed.error);
    const { type, status, cursor, limit } = parsed.data;
    const page = await listOwnGenerations(db, viewer.id, {
      cursor: decodeCursor(cursor),
      limit,
      type,
      status,
    });
    const names = new Map(configs.models.map((m) => [m.id, t(m.nameKey)]));
    const entries = page.items.map((item) => ({
      generation: generationView(item),
      modelName: names.get(item.row.modelId) ?? item.row.modelId,
      aspectRatio: item.row.aspectRatio,
    }));
    return renderPage(
      c,
      {
        title: t("web.library.title"),
        scripts: ["library.js"],
        clientText: [
          ...WORK_TEXT,
          "web.library.confirmDelete",
          "web.library.deleted",
          "web.library.refunded",
        ],
      },
      <LibraryPage
        t={t}
        locale={c.get("locale")}
        entries={entries}
        filters={{ type, status }}
        nextCursor={page.nextCursor}
      />,
    );
  });
