import { LOCALES } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import type { AccountData } from "./account-data";

export interface ProfileDraft {
  displayName: string;
  bio: string;
  locale: string;
}

const LOCALE_NAMES: Record<string, string> = { en: "English", ja: "日本語", zh: "中文" };

/** Display name, bio and preferred language; a plain form post (works without JS). */
export function ProfileSection(props: {
  t: Translate;
  me: AccountData["me"];
  draft?: ProfileDraft;
  error?: string;
}) {
  const { t, me } = props;
  const draft = props.draft ?? {
    displayName: me.displayName ?? "",
    bio: me.bio ?? "",
    locale: me.locale ?? "",
  };
  return (
    <section class="card stack" id="profile" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("web.account.profile.title")}</h2>
      <p class="muted">{t("web.account.profile.signedInAs", { email: me.email })}</p>
      {props.error ? (
        <p class="notice error" role="alert" data-testid="profile-error">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/account/profile" class="stack" data-testid="profile-form">
        <div class="field">
          <label for="profile-name">{t("web.account.profile.displayName")}</label>
          <input
            id="profile-name"
            name="displayName"
            type="text"
            maxlength={50}
            autocomplete="nickname"
            placeholder={me.name}
            value={draft.displayName}
          />
        </div>
        <div class="field">
          <label for="profile-bio">{t("web.account.profile.bio")}</label>
          <textarea id="profile-bio" name="bio" rows={3} maxlength={500}>
            {draft.bio}
          </textarea>
        </div>
        <div class="field">
          <label for="profile-locale">{t("web.account.profile.locale")}</label>
          <select id="profile-locale" name="locale">
            <option value="" selected={!draft.locale}>
              {t("web.account.profile.localeAuto")}
            </option>
            {LOCALES.map((code) => (
              <option value={code} selected={draft.locale === code}>
                {LOCALE_NAMES[code] ?? code}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          {t("web.account.profile.save")}
        </button>
      </form>
    </section>
  );
}
