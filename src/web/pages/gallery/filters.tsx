import type { FeedQuery } from "../../../community/schemas";
import type { Translate } from "../../../i18n/translate";

interface Option {
  id: string;
  name: string;
}

/**
 * The gallery's filters as a GET form: the result is a plain URL (shareable, works without JS).
 * A filter value not in the configs (an old link) stays selectable so applying keeps it.
 */
export function GalleryFilters(props: {
  query: FeedQuery;
  models: Option[];
  styles: Option[];
  limit: number | null;
  t: Translate;
}) {
  const { query, t } = props;
  return (
    <form
      class="gallery-filters"
      method="get"
      action="/"
      data-testid="gallery-filters"
      aria-label={t("web.gallery.filters")}
    >
      <Select
        name="type"
        label={t("web.gallery.filter.type")}
        value={query.type}
        options={["all", "image", "video"].map((id) => ({
          id,
          name: t(`web.gallery.filter.type.${id}`),
        }))}
      />
      <Select
        name="sort"
        label={t("web.gallery.filter.sort")}
        value={query.sort}
        options={["newest", "top", "trending"].map((id) => ({
          id,
          name: t(`web.gallery.filter.sort.${id}`),
        }))}
      />
      <Select
        name="model"
        label={t("web.gallery.filter.model")}
        value={query.model ?? ""}
        options={withCurrent(
          [{ id: "", name: t("web.gallery.filter.anyModel") }, ...props.models],
          query.model,
        )}
      />
      <Select
        name="style"
        label={t("web.gallery.filter.style")}
        value={query.style ?? ""}
        options={withCurrent(
          [{ id: "", name: t("web.gallery.filter.anyStyle") }, ...props.styles],
          query.style,
        )}
      />
      {props.limit ? <input type="hidden" name="limit" value={String(props.limit)} /> : null}
      <button type="submit" class="primary">
        {t("web.gallery.filter.apply")}
      </button>
    </form>
  );
}

function withCurrent(options: Option[], current: string | undefined): Option[] {
  if (!current || options.some((o) => o.id === current)) return options;
  return [...options, { id: current, name: current }];
}

function Select(props: { name: string; label: string; value: string; options: Option[] }) {
  const id = `filter-${props.name}`;
  return (
    <div class="filter">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.options.map((o) => (
          <option value={o.id} selected={o.id === props.value}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
