import type { Context } from "hono";
import { galleryDeps } from "../../../community/deps";
import { getArtworkDetail } from "../../../community/detail";
import { type ArtworkDetail, ArtworkParams } from "../../../community/schemas";
import type { AppEnv } from "../../../context";
import type { Translate } from "../../../i18n/translate";
import { ApiError } from "../../../lib/errors";
import { renderPage } from "../../render";
import { pageViewer } from "../../viewer";
import { CLIENT_TEXT } from "./client-text";
import { mediaSize } from "./media-size";
import { excerpt, Reactions } from "./work-card";

export function artworkParams(c: Context<AppEnv>) {
  const params = ArtworkParams.safeParse(c.req.param());
  if (!params.success) throw new ApiError("NOT_FOUND");
  return params.data;
}

/** One work: the service decides who may see it (listed works, or the owner's own). */
export async function detailPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const viewer = await pageViewer(c);
  const work = await getArtworkDetail(galleryDeps(c), {
    ...artworkParams(c),
    viewerId: viewer?.id ?? null,
  });
  const title = excerpt(work.prompt, 60) || t("web.gallery.detail.untitled");
  const listed = work.visibility === "public" && work.moderationStatus !== "banned";
  const created = new Intl.DateTimeFormat(c.get("locale"), { dateStyle: "long" }).format(
    new Date(work.createdAt),
  );
  return renderPage(
    c,
    {
      title,
      description: excerpt(work.prompt, 160),
      scripts: ["gallery.js"],
      clientText: CLIENT_TEXT,
    },
    <article
      class="work-detail"
      data-gallery
      data-signed-in={viewer ? "1" : "0"}
      data-testid="work-detail"
      data-type={work.type}
      data-uuid={work.uuid}
    >
      <Media work={work} />
      <div class="work-info">
        <OwnerNotice work={work} t={t} />
        <h1 class="visually-hidden">{title}</h1>
        <h2>{t("web.gallery.detail.prompt")}</h2>
        <p class="prompt">{work.prompt}</p>
        <dl class="facts">
          <dt>{t("web.gallery.detail.author")}</dt>
          <dd>
            <a href={`/u/${work.author.id}`}>{work.author.displayName}</a>
          </dd>
          <dt>{t("web.gallery.detail.model")}</dt>
          <dd>{work.model.name}</dd>
          {work.style ? (
            <>
              <dt>{t("web.gallery.detail.style")}</dt>
              <dd>{work.style.name}</dd>
            </>
          ) : null}
          {work.tags.map((tag) => (
            <>
              <dt>{t(`web.gallery.tag.${tag.kind}`)}</dt>
              <dd>{tag.name}</dd>
            </>
          ))}
          {work.durationSeconds ? (
            <>
              <dt>{t("web.gallery.detail.duration")}</dt>
              <dd>{t("web.gallery.detail.seconds", { seconds: work.durationSeconds })}</dd>
            </>
          ) : null}
          <dt>{t("web.gallery.detail.created")}</dt>
          <dd>
            <time datetime={work.createdAt}>{created}</time>
          </dd>
        </dl>
        <div class="detail-actions">
          {listed ? <Reactions item={work} t={t} /> : null}
          <a
            class="button primary"
            href={`/create?reuse=${work.type}:${work.uuid}`}
            data-testid="reuse-link"
          >
            {t("web.gallery.detail.reuse")}
          </a>
        </div>
      </div>
    </article>,
  );
}

function Media({ work }: { work: ArtworkDetail }) {
  const size = mediaSize(work);
  return (
    <figure class="work-media">
      {work.type === "video" ? (
        // biome-ignore lint/a11y/useMediaCaption: generated clips have no speech and no caption track exists; the prompt beside it describes the clip.
        <video
          controls
          preload="metadata"
          poster={work.coverUrl}
          src={work.mediaUrl}
          width={size.width}
          height={size.height}
        />
      ) : (
        <img
          src={work.mediaUrl}
          alt={excerpt(work.prompt)}
          width={size.width}
          height={size.height}
          decoding="async"
        />
      )}
    </figure>
  );
}

/** Only the owner reaches a private or banned work: tell them why others cannot see it. */
function OwnerNotice({ work, t }: { work: ArtworkDetail; t: Translate }) {
  if (work.moderationStatus === "banned") {
    return <p class="notice error">{t("web.gallery.detail.banned")}</p>;
  }
  if (work.visibility === "private") return <p class="notice">{t("web.gallery.detail.private")}</p>;
  if (work.featured) return <p class="badge ok">{t("web.gallery.detail.featured")}</p>;
  return null;
}
