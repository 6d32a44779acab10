import type { CommunityArtwork } from "../../../community/schemas";
import type { Translate } from "../../../i18n/translate";

/** Cover boxes without known pixels (list rows of videos) get the grid's 4:5 box. */
const BOX = { width: 480, height: 600 };
const ALT_CHARS = 120;

/** The start of a prompt, for alt text and titles. */
export function excerpt(prompt: string, chars = ALT_CHARS): string {
  return prompt.length > chars ? `${prompt.slice(0, chars).trimEnd()}…` : prompt;
}

/**
 * Like and favorite as one small form per work. Without JS the buttons post to the page route
 * (which signs visitors in first and then returns to the page the form was on); gallery.js
 * intercepts the submit and calls the JSON API instead. A button's value is the state it asks
 * for. The icons come from the stylesheet, keeping fifty cards within the page-weight budget.
 */
export function Reactions(props: {
  item: Pick<
    CommunityArtwork,
    "type" | "uuid" | "liked" | "favorited" | "likeCount" | "favoriteCount"
  >;
  t: Translate;
}) {
  const { item, t } = props;
  return (
    <form class="reactions" method="post" action={`/a/${item.type}/${item.uuid}/react`}>
      <ReactionButton kind="like" on={item.liked === true} count={item.likeCount} t={t} />
      <ReactionButton
        kind="favorite"
        on={item.favorited === true}
        count={item.favoriteCount}
        t={t}
      />
    </form>
  );
}

function ReactionButton(props: {
  kind: "like" | "favorite";
  on: boolean;
  count: number;
  t: Translate;
}) {
  const { kind } = props;
  return (
    <button
      type="submit"
      name={kind}
      value={props.on ? "off" : "on"}
      aria-pressed={props.on ? "true" : "false"}
      data-testid={`${kind}-button`}
    >
      <span class="visually-hidden">{props.t(`web.gallery.${kind}`)}</span>
      <span data-testid={`${kind}-count`}>{props.count}</span>
    </button>
  );
}

/** One work in a grid. Kept lean: fifty of these must fit the page-weight budget. */
export function WorkCard(props: {
  item: CommunityArtwork;
  t: Translate;
  /** The first row loads at once; the rest when scrolled near. */
  eager: boolean;
}) {
  const { item, t } = props;
  const size = item.width && item.height ? { width: item.width, height: item.height } : BOX;
  return (
    <article class="work" data-testid="work-card" data-type={item.type} data-uuid={item.uuid}>
      <a class="cover" href={`/a/${item.type}/${item.uuid}`}>
        <img
          src={item.thumbnailUrl ?? item.coverUrl}
          alt={excerpt(item.prompt)}
          width={size.width}
          height={size.height}
          loading={props.eager ? undefined : "lazy"}
          decoding="async"
        />
        {item.type === "video" ? <span class="play">{t("web.gallery.video")}</span> : null}
      </a>
      <div class="work-meta">
        <a href={`/u/${item.author.id}`}>{item.author.displayName}</a>
        <Reactions item={item} t={t} />
      </div>
    </article>
  );
}
