import type { Context } from "hono";
import { listAuthorWorks } from "../../../community/author-works";
import { galleryDeps } from "../../../community/deps";
import type { AppEnv } from "../../../context";
import type { Translate } from "../../../i18n/translate";
import type { PublicProfile } from "../../../users/schemas";
import { getPublicProfile } from "../../../users/service";
import { renderPage } from "../../render";
import { pageViewer } from "../../viewer";
import { CLIENT_TEXT } from "./client-text";
import { authorWorksQuery, listParams, nextLinks } from "./query";
import { WorksGrid } from "./works-grid";

/** A creator's public profile and their listed works, newest first (the author-works service). */
export async function profilePage(c: Context<AppEnv>) {
  const t = c.get("t");
  const id = c.req.param("id") ?? "";
  const profile = await getPublicProfile(c.get("services"), id);
  const query = authorWorksQuery(c);
  const viewer = await pageViewer(c);
  const page = await listAuthorWorks(galleryDeps(c), {
    authorId: profile.id,
    ...query,
    viewerId: viewer?.id ?? null,
  });
  const params = listParams(query, c.req.query("limit") !== undefined);
  const base = `/u/${profile.id}`;
  return renderPage(
    c,
    {
      title: profile.displayName,
      description: profile.bio ?? undefined,
      scripts: ["gallery.js"],
      clientText: CLIENT_TEXT,
    },
    <section class="gallery" data-gallery data-signed-in={viewer ? "1" : "0"}>
      <ProfileHeader profile={profile} locale={c.get("locale")} t={t} />
      <h2>{t("web.gallery.profile.works")}</h2>
      <WorksGrid
        page={page}
        more={
          page.nextCursor
            ? nextLinks(base, `/api/users/${profile.id}/artworks`, params, page.nextCursor)
            : null
        }
        t={t}
        empty={<p>{t("web.gallery.profile.empty")}</p>}
      />
    </section>,
  );
}

function ProfileHeader(props: { profile: PublicProfile; locale: string; t: Translate }) {
  const { profile, t } = props;
  const joined = new Intl.DateTimeFormat(props.locale, { year: "numeric", month: "long" }).format(
    new Date(profile.createdAt),
  );
  return (
    <header class="profile-header" data-testid="profile-header">
      {profile.avatarSrc ? (
        <img
          class="avatar"
          src={profile.avatarSrc}
          alt=""
          width="96"
          height="96"
          decoding="async"
        />
      ) : (
        <span class="avatar" aria-hidden="true">
          {profile.displayName.slice(0, 1).toUpperCase()}
        </span>
      )}
      <div>
        <h1>
          {profile.displayName}
          {profile.isMember ? (
            <span class="badge ok">{t("web.gallery.profile.member")}</span>
          ) : null}
        </h1>
        {profile.bio ? <p class="bio">{profile.bio}</p> : null}
        <p class="hint">{t("web.gallery.profile.joined", { date: joined })}</p>
      </div>
    </header>
  );
}
