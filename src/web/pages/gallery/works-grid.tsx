import type { Child } from "hono/jsx";
import type { CommunityPage } from "../../../community/schemas";
import type { Translate } from "../../../i18n/translate";
import { WorkCard } from "./work-card";

/** Cards loaded eagerly: about one row on a wide screen. */
const EAGER_CARDS = 4;

/**
 * A page of works and the link to the next one. The more link works as a plain link; with JS,
 * gallery.js loads `data-api` as the link scrolls into view and appends the cards in place.
 */
export function WorksGrid(props: {
  page: CommunityPage;
  more: { href: string; api: string } | null;
  t: Translate;
  empty: Child;
}) {
  const { page, t } = props;
  if (page.items.length === 0) return <div class="works-empty">{props.empty}</div>;
  return (
    <>
      <div class="works">
        {page.items.map((item, index) => (
          <WorkCard item={item} t={t} eager={index < EAGER_CARDS} />
        ))}
      </div>
      {props.more ? (
        <p class="more">
          <a
            class="button"
            href={props.more.href}
            data-api={props.more.api}
            data-testid="more-link"
            rel="next"
          >
            {t("web.gallery.more")}
          </a>
        </p>
      ) : null}
    </>
  );
}
