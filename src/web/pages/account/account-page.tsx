import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import type { AccountData } from "./account-data";
import { ApiKeysSection, type CreatedKey } from "./api-keys-section";
import { BillingSection } from "./billing-section";
import { CreditsSection } from "./credits-section";
import { formatNumber } from "./format";
import { type ProfileDraft, ProfileSection } from "./profile-section";

export interface AccountPageProps {
  t: Translate;
  locale: Locale;
  data: AccountData;
  planName: string | null;
  /** The query of the page: where a form post sent the user back with its outcome. */
  query: Record<string, string | undefined>;
  profile?: { draft: ProfileDraft; error: string };
  apiKey?: { created?: CreatedKey; error?: string; draft?: { name: string; scopes: string[] } };
}

/** The one-line outcome of the form post that led here, if any. */
function outcome(props: AccountPageProps): { kind: "success" | "info"; text: string } | null {
  const { t, locale, query, data } = props;
  if (query.checkout !== undefined)
    return { kind: "success", text: t("web.account.notice.checkout") };
  if (query.saved === "profile") return { kind: "success", text: t("web.account.notice.profile") };
  if (query.revoked !== undefined)
    return { kind: "success", text: t("web.account.notice.revoked") };
  if (query.checkIn === "done") {
    const reward = formatNumber(locale, data.incentives.checkIn.todayReward ?? 0);
    return { kind: "success", text: t("web.account.notice.checkedIn", { reward }) };
  }
  if (query.checkIn === "already") return { kind: "info", text: t("web.account.notice.already") };
  return null;
}

export function AccountPage(props: AccountPageProps) {
  const { t, locale, data } = props;
  const notice = outcome(props);
  return (
    <div class="account stack">
      <h1>{t("web.account.title")}</h1>
      {notice ? (
        <p
          class={`notice ${notice.kind === "success" ? "success" : ""}`}
          role="status"
          data-testid="account-notice"
        >
          {notice.text}
        </p>
      ) : null}
      <div class="account-grid">
        <CreditsSection t={t} locale={locale} data={data} historyCursor={props.query.history} />
        <div class="stack">
          <ProfileSection
            t={t}
            me={data.me}
            draft={props.profile?.draft}
            error={props.profile?.error}
          />
          <BillingSection t={t} locale={locale} data={data} planName={props.planName} />
        </div>
      </div>
      <ApiKeysSection
        t={t}
        locale={locale}
        keys={data.keys}
        now={data.now}
        created={props.apiKey?.created}
        error={props.apiKey?.error}
        draft={props.apiKey?.draft}
      />
    </div>
  );
}
