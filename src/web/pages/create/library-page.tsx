import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import { type GenerationView, isRunning, ResultItems, STATUS_BADGE } from "./works";

export interface LibraryEntry {
  generation: GenerationView;
  modelName: string;
  aspectRatio: string | null;
}

export interface LibraryFilters {
  type?: "image" | "video";
  status?: GenerationView["status"];
}

const STATUSES = ["pending", "processing", "succeeded", "failed"] as const;

/** Server time zone is unknown to us: UTC here, library.js rewrites it in the reader's zone. */
function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso));
}

function moreHref(filters: LibraryFilters, cursor: string): string {
  const query = new URLSearchParams();
  if (filters.type) query.set("type", filters.type);
  if (filters.status) query.set("status", filters.status);
  query.set("cursor", cursor);
  return `/library?${query.toString()}`;
}

function FilterForm(props: { t: Translate; filters: LibraryFilters }) {
  const { t, filters } = props;
  return (
    <form class="library-filters row" method="get" action="/library">
      <div>
        <label for="library-type">{t("web.create.type")}</label>
        <select id="library-type" name="type">
          <option value="">{t("web.library.all")}</option>
          {(["image", "video"] as const).map((type) => (
            <option value={type} selected={filters.type === type}>
              {t(`web.create.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="library-status">{t("web.library.status")}</label>
        <select id="library-status" name="status">
          <option value="">{t("web.library.all")}</option>
          {STATUSES.map((status) => (
            <option value={status} selected={filters.status === status}>
              {t(`web.create.status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t("web.library.filter")}</button>
    </form>
  );
}

function LibraryItem(props: { t: Translate; locale: Locale; entry: LibraryEntry; first: boolean }) {
  const { t, entry } = props;
  const g = entry.generation;
  return (
    <article
      class="library-item card"
      data-testid="library-item"
      data-uuid={g.uuid}
      data-status={g.status}
      data-ratio={entry.aspectRatio ?? ""}
    >
      <div class="result-grid">
        <ResultItems t={t} generation={g} ratio={entry.aspectRatio} eager={props.first} />
      </div>
      <div class="library-body">
        <p class="library-prompt">{g.prompt}</p>
        <p class="library-meta">
          <span class={STATUS_BADGE[g.status]} data-role="status">
            {t(`web.create.status.${g.status}`)}
          </span>{" "}
          <span>{entry.modelName}</span>
          {" · "}
          <span>{t("web.layout.credits", { count: g.creditsCost })}</span>
          {" · "}
          <time datetime={g.createdAt}>{formatDate(props.locale, g.createdAt)}</time>
        </p>
        {g.status === "failed" ? <p class="hint">{t("web.library.refunded")}</p> : null}
        <div class="row library-actions">
          {isRunning(g.status) ? (
            <button type="button" class="js-only" data-testid="refresh-generation">
              {t("web.library.refresh")}
            </button>
          ) : null}
          <button type="button" class="danger js-only" data-testid="delete-generation">
            {t("web.library.delete")}
          </button>
        </div>
      </div>
    </article>
  );
}

export function LibraryPage(props: {
  t: Translate;
  locale: Locale;
  entries: LibraryEntry[];
  filters: LibraryFilters;
  nextCursor: string | null;
}) {
  const { t, entries } = props;
  const filtered = Boolean(props.filters.type || props.filters.status);
  return (
    <section class="library-page">
      <div class="row library-head">
        <h1>{t("web.library.title")}</h1>
        <a class="button primary" href="/create">
          {t("web.library.create")}
        </a>
      </div>
      <FilterForm t={t} filters={props.filters} />
      {entries.length === 0 ? (
        <p class="library-empty card" data-testid="library-empty">
          {t(filtered ? "web.library.noMatch" : "web.library.empty")}{" "}
          <a href="/create">{t("web.library.createFirst")}</a>
        </p>
      ) : (
        <div class="library-list">
          {entries.map((entry, index) => (
            <LibraryItem t={t} locale={props.locale} entry={entry} first={index < 2} />
          ))}
        </div>
      )}
      {props.nextCursor ? (
        <nav class="pager" aria-label={t("web.library.pages")}>
          <a
            class="button"
            href={moreHref(props.filters, props.nextCursor)}
            data-testid="library-more"
          >
            {t("web.library.more")}
          </a>
        </nav>
      ) : null}
    </section>
  );
}
