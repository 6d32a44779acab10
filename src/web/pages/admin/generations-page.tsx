import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { listAdminGenerations } from "../../../admin/generations/list";
import { errorCodeCounts } from "../../../admin/generations/stats-queries";
import { resolveDayRange } from "../../../admin/shared/ranges";
import type { AppEnv } from "../../../context";
import { decodeCursor, PageQuerySchema } from "../../../lib/pagination";
import { renderPage } from "../../render";
import { formatCount, utcMinute } from "./format";
import { GenerationRows } from "./generation-rows";
import { AdminShell } from "./nav";
import { moreLink, parseQuery } from "./query";

const Query = PageQuerySchema.extend({
  status: z.enum(["failed", "processing"]).default("failed"),
  type: z.enum(["image", "video"]).optional(),
  errorCode: z.string().max(64).optional(),
});

const TOP_ERRORS = 10;

/** Outcomes of the no-JS actions, shown after their redirect (`?done=`). */
const DONE = [
  "late_success",
  "unchanged",
  "still_running",
  "queued",
  "refunded",
  "already_refunded",
];

export const GENERATION_CLIENT_TEXT = [
  "web.admin.gen.done.late_success",
  "web.admin.gen.done.unchanged",
  "web.admin.gen.done.still_running",
  "web.admin.gen.done.queued",
  "web.admin.gen.done.refunded",
  "web.admin.gen.done.already_refunded",
  "web.admin.working",
];

/** Failed or running generations (as /api/admin/generations) with retry and refund actions. */
export async function generationsPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const locale = c.get("locale");
  const { db, now } = c.get("services");
  const { cursor, limit, ...filters } = parseQuery(c, Query);
  const at = now();
  const [page, topErrors] = await Promise.all([
    listAdminGenerations(db, filters, { cursor: decodeCursor(cursor), limit }, at),
    errorCodeCounts(db, resolveDayRange({}, at), TOP_ERRORS),
  ]);
  const done = c.req.query("done");
  const params = { status: filters.status, type: filters.type, errorCode: filters.errorCode };
  return renderPage(
    c,
    {
      title: t("web.admin.nav.generations"),
      scripts: ["admin.js"],
      clientText: GENERATION_CLIENT_TEXT,
    },
    <AdminShell current="generations" t={t} heading={t("web.admin.nav.generations")}>
      {done && DONE.includes(done) ? (
        <p class="notice success">{t(`web.admin.gen.done.${done}`)}</p>
      ) : null}
      <form class="admin-filters row" method="get" action="/admin/generations">
        <label>
          {t("web.admin.col.status")}
          <select name="status">
            {(["failed", "processing"] as const).map((status) => (
              <option value={status} selected={filters.status === status}>
                {t(`web.admin.gen.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("web.admin.col.errorCode")}
          <input name="errorCode" value={filters.errorCode ?? ""} maxlength={64} />
        </label>
        <button type="submit">{t("web.admin.range.apply")}</button>
      </form>
      <section class="admin-section" aria-labelledby="gen-list-heading">
        <h2 id="gen-list-heading">{t(`web.admin.gen.status.${filters.status}`)}</h2>
        {page.items.length === 0 ? (
          <p class="muted">{t("web.admin.noData")}</p>
        ) : (
          <GenerationRows items={page.items} locale={locale} t={t} />
        )}
        {page.nextCursor ? (
          <p class="pager">
            <a class="button" href={moreLink("/admin/generations", params, page.nextCursor)}>
              {t("web.admin.more")}
            </a>
          </p>
        ) : null}
      </section>
      <section class="admin-section" aria-labelledby="gen-errors-heading">
        <h2 id="gen-errors-heading">{t("web.admin.gen.topErrors")}</h2>
        {topErrors.length === 0 ? (
          <p class="muted">{t("web.admin.noData")}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="top-errors">
              <thead>
                <tr>
                  <th scope="col">{t("web.admin.col.errorCode")}</th>
                  <th scope="col">{t("web.admin.col.type")}</th>
                  <th scope="col" class="num">
                    {t("web.admin.col.count")}
                  </th>
                  <th scope="col">{t("web.admin.col.last")}</th>
                </tr>
              </thead>
              <tbody>
                {topErrors.map((row) => (
                  <tr>
                    <td>
                      <a href={`/admin/generations?errorCode=${encodeURIComponent(row.errorCode)}`}>
                        <code>{row.errorCode}</code>
                      </a>
                    </td>
                    <td>{row.type}</td>
                    <td class="num">{formatCount(locale, row.count)}</td>
                    <td>{row.lastAt ? utcMinute(row.lastAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AdminShell>,
  );
}
