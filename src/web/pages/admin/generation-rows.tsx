import type { AdminGenerationItem } from "../../../admin/generations/list";
import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import { formatAge, formatCount, utcMinute } from "./format";

/** The failure table of the generations page, one row per generation with its actions. */
export function GenerationRows(props: {
  items: AdminGenerationItem[];
  locale: Locale;
  t: Translate;
}) {
  const { t, locale } = props;
  return (
    <div class="table-wrap">
      <table data-testid="generation-failures">
        <thead>
          <tr>
            <th scope="col">{t("web.admin.col.created")}</th>
            <th scope="col">{t("web.admin.col.user")}</th>
            <th scope="col">{t("web.admin.col.model")}</th>
            <th scope="col">{t("web.admin.col.errorCode")}</th>
            <th scope="col" class="num">
              {t("web.admin.col.credits")}
            </th>
            <th scope="col">{t("web.admin.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr data-testid="generation-row" data-uuid={item.uuid}>
              <td>
                {utcMinute(item.createdAt)}
                <br />
                <span class="muted">
                  {t("web.admin.gen.age", { age: formatAge(locale, item.ageSeconds) })}
                </span>
              </td>
              <td>{item.user.email ?? item.user.id}</td>
              <td>
                {item.type} · {item.model}
              </td>
              <td>
                <code>{item.errorCode ?? item.status}</code>
                {item.errorMessage ? <div class="muted admin-clip">{item.errorMessage}</div> : null}
                {item.retryable ? (
                  <span class="badge warn">{t("web.admin.gen.retryable")}</span>
                ) : null}
              </td>
              <td class="num" data-refunded={item.refundedCredits}>
                {formatCount(locale, item.creditsCost)}
                {item.refundedCredits > 0 ? (
                  <div class="muted">
                    {t("web.admin.gen.refunded", {
                      count: formatCount(locale, item.refundedCredits),
                    })}
                  </div>
                ) : null}
              </td>
              <td>
                <GenerationActions item={item} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Plain forms (they work without JS); admin.js sends them to the JSON API instead. */
function GenerationActions({ item, t }: { item: AdminGenerationItem; t: Translate }) {
  const base = `/admin/generations/${item.uuid}`;
  const api = `/api/admin/generations/${item.uuid}`;
  return (
    <div class="admin-actions">
      {item.retryable ? (
        <form
          method="post"
          action={`${base}/retry-ingest`}
          data-admin-action="retry"
          data-api={`${api}/retry-ingest`}
        >
          <button type="submit" data-testid="retry-button">
            {t("web.admin.gen.retry")}
          </button>
        </form>
      ) : null}
      {item.creditsCost > item.refundedCredits ? (
        <form
          method="post"
          action={`${base}/refund`}
          data-admin-action="refund"
          data-api={`${api}/refund`}
        >
          <label>
            <span class="visually-hidden">{t("web.admin.gen.reason")}</span>
            <input
              name="reason"
              required
              minlength={3}
              maxlength={500}
              placeholder={t("web.admin.gen.reason")}
            />
          </label>
          <button type="submit" class="danger" data-testid="refund-button">
            {t("web.admin.gen.refund")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
