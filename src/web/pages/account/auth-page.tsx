import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../../auth/constants";
import type { Translate } from "../../../i18n/translate";

export type AuthMode = "sign-in" | "sign-up";

export interface AuthFormProps {
  t: Translate;
  mode: AuthMode;
  /** Where to go afterwards (already made safe). */
  next: string;
  /** The form's action: this page's path with its query, so sign-up attribution survives. */
  action: string;
  email?: string;
  name?: string;
  error?: string;
  googleEnabled: boolean;
}

const withNext = (path: string, next: string) =>
  next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`;

/** Sign-in and sign-up: one plain form each, posted to the page itself (works without JS). */
export function AuthPage(props: AuthFormProps) {
  const { t, mode, next } = props;
  const signUp = mode === "sign-up";
  const key = signUp ? "signUp" : "signIn";
  return (
    <section class="auth-page card stack">
      <h1>{t(`web.auth.${key}.title`)}</h1>
      <p class="muted">{t(`web.auth.${key}.lead`)}</p>
      {props.error ? (
        <p class="notice error" role="alert" data-testid="auth-error">
          {props.error}
        </p>
      ) : null}
      <form
        class="auth-form stack"
        method="post"
        action={props.action}
        data-testid={`${mode}-form`}
        data-busy-text={t("web.auth.working")}
      >
        <input type="hidden" name="next" value={next} />
        {signUp ? (
          <div class="field">
            <label for="auth-name">{t("web.auth.name")}</label>
            <input
              id="auth-name"
              name="name"
              type="text"
              autocomplete="nickname"
              required
              maxlength={50}
              value={props.name ?? ""}
            />
          </div>
        ) : null}
        <div class="field">
          <label for="auth-email">{t("web.auth.email")}</label>
          <input
            id="auth-email"
            name="email"
            type="email"
            autocomplete={signUp ? "email" : "username"}
            required
            value={props.email ?? ""}
          />
        </div>
        <div class="field">
          <label for="auth-password">{t("web.auth.password")}</label>
          <input
            id="auth-password"
            name="password"
            type="password"
            autocomplete={signUp ? "new-password" : "current-password"}
            required
            minlength={signUp ? MIN_PASSWORD_LENGTH : undefined}
            maxlength={MAX_PASSWORD_LENGTH}
            aria-describedby={signUp ? "auth-password-hint" : undefined}
          />
          {signUp ? (
            <p class="hint" id="auth-password-hint">
              {t("auth.passwordLength", { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}
            </p>
          ) : null}
        </div>
        <button type="submit" class="primary" data-testid={`${mode}-submit`}>
          {t(`web.auth.${key}.submit`)}
        </button>
      </form>
      {props.googleEnabled ? (
        <form method="post" action="/sign-in" class="auth-google">
          <input type="hidden" name="provider" value="google" />
          <input type="hidden" name="next" value={next} />
          <button type="submit" data-testid="google-sign-in">
            {t("web.auth.google")}
          </button>
        </form>
      ) : null}
      <p class="auth-switch">
        {signUp ? t("web.auth.haveAccount") : t("web.auth.noAccount")}{" "}
        <a
          href={withNext(signUp ? "/sign-in" : "/sign-up", next)}
          data-testid={signUp ? "to-sign-in" : "to-sign-up"}
        >
          {signUp ? t("web.auth.signIn.link") : t("web.auth.signUp.link")}
        </a>
      </p>
    </section>
  );
}
