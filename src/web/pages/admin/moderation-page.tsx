import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { MODERATION_STATUSES } from "../../../admin/moderation/moderate";
import { listModerationQueue, type QueueRow } from "../../../admin/moderation/queue";
import type { AppEnv } from "../../../context";
import type { Translate } from "../../../i18n/translate";
import { decodeCursor, PageQuerySchema } from "../../../lib/pagination";
import { pagePath, renderPage } from "../../render";
import { utcMinute } from "./format";
import { AdminShell } from "./nav";
import { moreLink, parseQuery } from "./query";

const Query = PageQuerySchema.extend({
  type: z.enum(["all", "image", "video"]).default("all"),
  moderation: z.enum(MODERATION_STATUSES).optional(),
  visibility: z.enum(["public", "private", "all"]).default("public"),
  userId: z.uuid().optional(),
});

const ALT_CHARS = 120;
const BADGE = { normal: "badge", banned: "badge danger", featured: "badge ok" } as const;
/** The buttons, each setting the status it names; the current one is pressed. */
const ACTIONS = [
  { status: "banned", key: "ban" },
  { status: "featured", key: "feature" },
  { status: "normal", key: "restore" },
] as const;

export const MODERATION_CLIENT_TEXT = [
  "web.admin.moderation.status.normal",
  "web.admin.moderation.status.banned",
  "web.admin.moderation.status.featured",
  "web.admin.moderation.saved",
  "web.admin.working",
];

/** The moderation queue (as /api/admin/artworks) with ban, feature and restore. */
export async function moderationPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const { db } = c.get("services");
  const { cursor, limit, ...filters } = parseQuery(c, Query);
  const page = await listModerationQueue(db, filters, { cursor: decodeCursor(cursor), limit });
  const select = <T extends string>(name: string, values: readonly T[], current: T | undefined) => (
    <label>
      {t(`web.admin.moderation.filter.${name}`)}
      <select name={name}>
        {name === "moderation" ? <option value="">{t("web.admin.all")}</option> : null}
        {values.map((value) => (
          <option value={value} selected={current === value}>
            {t(
              name === "moderation"
                ? `web.admin.moderation.status.${value}`
                : `web.admin.moderation.${name}.${value}`,
            )}
          </option>
        ))}
      </select>
    </label>
  );
  return renderPage(
    c,
    {
      title: t("web.admin.nav.moderation"),
      scripts: ["admin.js"],
      clientText: MODERATION_CLIENT_TEXT,
    },
    <AdminShell current="moderation" t={t} heading={t("web.admin.nav.moderation")}>
      <form class="admin-filters row" method="get" action="/admin/moderation">
        {select("type", ["all", "image", "video"] as const, filters.type)}
        {select("moderation", MODERATION_STATUSES, filters.moderation)}
        {select("visibility", ["public", "private", "all"] as const, filters.visibility)}
        {filters.userId ? <input type="hidden" name="userId" value={filters.userId} /> : null}
        <button type="submit">{t("web.admin.range.apply")}</button>
      </form>
      {page.items.length === 0 ? (
        <p class="muted">{t("web.admin.noData")}</p>
      ) : (
        <ul class="moderation-grid">
          {page.items.map((item, index) => (
            <ModerationItem item={item} lazy={index >= 4} next={pagePath(c)} t={t} />
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p class="pager">
          <a class="button" href={moreLink("/admin/moderation", filters, page.nextCursor)}>
            {t("web.admin.more")}
          </a>
        </p>
      ) : null}
    </AdminShell>,
  );
}

function ModerationItem(props: { item: QueueRow; lazy: boolean; next: string; t: Translate }) {
  const { item, lazy, t } = props;
  const prompt = item.prompt ?? "";
  const alt = prompt.length > ALT_CHARS ? `${prompt.slice(0, ALT_CHARS).trimEnd()}…` : prompt;
  const status = item.moderationStatus as keyof typeof BADGE;
  const cover = item.posterUrl ?? (item.type === "image" ? item.mediaUrl : null);
  return (
    <li
      class="card moderation-item"
      data-testid="moderation-item"
      data-uuid={item.uuid}
      data-type={item.type}
    >
      <a class="moderation-preview" href={item.mediaUrl}>
        {cover ? (
          <img
            src={cover}
            alt={alt}
            width="320"
            height="320"
            loading={lazy ? "lazy" : "eager"}
            decoding="async"
          />
        ) : (
          <video
            src={item.mediaUrl}
            width="320"
            height="320"
            preload="metadata"
            muted
            aria-label={alt}
          />
        )}
      </a>
      <p class="admin-clip">{prompt}</p>
      <p class="muted">
        {item.authorEmail} · {item.modelId} · {utcMinute(item.createdAt)}
      </p>
      <p class="row">
        <span class={BADGE[status] ?? "badge"} data-testid="moderation-status" data-status={status}>
          {t(`web.admin.moderation.status.${status}`)}
        </span>
        <span class="badge">{t(`web.admin.moderation.visibility.${item.visibility}`)}</span>
      </p>
      <form
        class="row"
        method="post"
        action={`/admin/moderation/${item.type}/${item.uuid}`}
        data-admin-action="moderate"
        data-api={`/api/admin/artworks/${item.type}/${item.uuid}/moderation`}
      >
        <input type="hidden" name="next" value={props.next} />
        {ACTIONS.map((action) => (
          <button
            type="submit"
            name="status"
            value={action.status}
            class={action.status === "banned" ? "danger" : undefined}
            aria-pressed={status === action.status ? "true" : "false"}
            data-testid={`${action.key}-button`}
          >
            {t(`web.admin.moderation.${action.key}`)}
          </button>
        ))}
      </form>
    </li>
  );
}
