import { creditLabel } from "../../../credits/views";
import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import type { AccountData } from "./account-data";
import { formatDate, formatDateTime, formatNumber } from "./format";

interface Props {
  t: Translate;
  locale: Locale;
  data: AccountData;
  /** Set when this page is a later page of the history. */
  historyCursor?: string;
}

function CheckIn(props: Props) {
  const { t, locale } = props;
  const { checkIn } = props.data.incentives;
  return (
    <div class="check-in stack" id="check-in" data-testid="check-in-panel">
      <h3>{t("web.account.checkIn.title")}</h3>
      {checkIn.checkedInToday ? (
        <p data-testid="check-in-state" data-state="done">
          {t("web.account.checkIn.done", {
            reward: formatNumber(locale, checkIn.todayReward ?? 0),
            streak: checkIn.streak,
          })}
        </p>
      ) : (
        <p data-testid="check-in-state" data-state="open">
          {t("web.account.checkIn.open", { reward: formatNumber(locale, checkIn.nextReward) })}
        </p>
      )}
      <form method="post" action="/account/check-in" class="check-in-form">
        <button
          type="submit"
          class={checkIn.checkedInToday ? "" : "primary"}
          data-testid="check-in"
          data-checked-in={checkIn.checkedInToday ? "true" : "false"}
        >
          {checkIn.checkedInToday
            ? t("web.account.checkIn.already")
            : t("web.account.checkIn.button")}
        </button>
      </form>
    </div>
  );
}

function History(props: Props) {
  const { t, locale } = props;
  const { items, nextCursor } = props.data.history;
  return (
    <div class="stack" id="history">
      <h3>{t("web.account.history.title")}</h3>
      {items.length === 0 ? (
        <p class="muted">{t("web.account.history.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="credit-history">
            <thead>
              <tr>
                <th scope="col">{t("web.account.history.date")}</th>
                <th scope="col">{t("web.account.history.type")}</th>
                <th scope="col" class="num">
                  {t("web.account.history.amount")}
                </th>
                <th scope="col">{t("web.account.history.expires")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr data-type={row.transType}>
                  <td>{formatDateTime(locale, row.createdAt)}</td>
                  <td>
                    {creditLabel(t, row.transType)}
                    {row.note ? <span class="hint"> — {row.note}</span> : null}
                  </td>
                  <td class={`num ${row.amount < 0 ? "debit" : "credit"}`}>
                    {row.amount > 0 ? "+" : ""}
                    {formatNumber(locale, row.amount)}
                  </td>
                  <td>{row.expiresAt ? formatDate(locale, row.expiresAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="pager">
        {props.historyCursor ? (
          <a href="/account#history">{t("web.account.history.newest")}</a>
        ) : null}
        {nextCursor ? (
          <a
            href={`/account?history=${encodeURIComponent(nextCursor)}#history`}
            data-testid="history-more"
          >
            {t("web.account.history.more")}
          </a>
        ) : null}
      </p>
    </div>
  );
}

/** Balance, what was earned and used, what expires next, the daily check-in and the ledger. */
export function CreditsSection(props: Props) {
  const { t, locale } = props;
  const { summary } = props.data;
  return (
    <section class="card stack" id="credits" aria-labelledby="credits-title">
      <h2 id="credits-title">{t("web.account.credits.title")}</h2>
      <dl class="credit-stats">
        <div>
          <dt>{t("web.account.credits.balance")}</dt>
          <dd class="balance" data-testid="credit-balance" data-balance={summary.balance}>
            {formatNumber(locale, summary.balance)}
          </dd>
        </div>
        <div>
          <dt>{t("web.account.credits.earned")}</dt>
          <dd>{formatNumber(locale, summary.totalEarned)}</dd>
        </div>
        <div>
          <dt>{t("web.account.credits.used")}</dt>
          <dd>{formatNumber(locale, summary.totalUsed)}</dd>
        </div>
        <div>
          <dt>{t("web.account.credits.nextExpiry")}</dt>
          <dd data-testid="next-expiry">
            {summary.nextExpiringAt
              ? t("web.account.credits.expiresOn", {
                  amount: formatNumber(locale, summary.nextExpiringAmount),
                  date: formatDate(locale, summary.nextExpiringAt),
                })
              : t("web.account.credits.noExpiry")}
          </dd>
        </div>
      </dl>
      <p>
        <a class="button" href="/pricing">
          {t("web.account.credits.buy")}
        </a>
      </p>
      <CheckIn {...props} />
      <History {...props} />
    </section>
  );
}
