import { API_KEY_SCOPES } from "../../../api-keys/scopes";
import type { ApiKeyRow } from "../../../api-keys/service";
import type { Locale } from "../../../i18n/catalogues";
import type { Translate } from "../../../i18n/translate";
import { formatDateTime } from "./format";

export interface CreatedKey {
  name: string;
  secret: string;
}

interface Props {
  t: Translate;
  locale: Locale;
  keys: ApiKeyRow[];
  now: Date;
  /** Only on the answer to the create form: the one time the secret is shown. */
  created?: CreatedKey;
  error?: string;
  draft?: { name: string; scopes: string[] };
}

function keyStatus(row: ApiKeyRow, now: Date): "active" | "revoked" | "expired" {
  if (row.revokedAt) return "revoked";
  return row.expiresAt && row.expiresAt <= now ? "expired" : "active";
}

function KeyRow(props: Props & { row: ApiKeyRow }) {
  const { t, locale, row } = props;
  const status = keyStatus(row, props.now);
  return (
    <tr data-testid="api-key-row" data-key-id={row.id}>
      <td>{row.name}</td>
      <td>
        <code data-testid="api-key-prefix">{row.prefix}…</code>
      </td>
      <td>{row.scopes.join(", ")}</td>
      <td>
        {row.lastUsedAt ? formatDateTime(locale, row.lastUsedAt) : t("web.account.keys.never")}
      </td>
      <td>{formatDateTime(locale, row.createdAt)}</td>
      <td>
        {status === "active" ? (
          <form method="post" action={`/account/api-keys/${row.id}/revoke`} class="revoke-form">
            <button
              type="submit"
              class="danger"
              data-testid="api-key-revoke"
              data-confirm={t("web.account.keys.revokeConfirm", { name: row.name })}
            >
              {t("web.account.keys.revoke")}
            </button>
          </form>
        ) : (
          <span class={`badge ${status === "revoked" ? "danger" : "warn"}`}>
            {t(`web.account.keys.status.${status}`)}
          </span>
        )}
      </td>
    </tr>
  );
}

/** API keys: the list, a create form (the secret appears once), revoke buttons. */
export function ApiKeysSection(props: Props) {
  const { t } = props;
  const draftScopes = props.draft?.scopes ?? [];
  return (
    <section class="card stack" id="api-keys" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">{t("web.account.keys.title")}</h2>
      <p class="muted">{t("web.account.keys.lead")}</p>
      {props.created ? (
        <div class="notice success key-secret stack" role="status">
          <p>{t("web.account.keys.created", { name: props.created.name })}</p>
          <p class="secret-line">
            <code data-testid="api-key-secret">{props.created.secret}</code>
            <button type="button" class="copy-secret" hidden>
              {t("web.account.keys.copy")}
            </button>
          </p>
          <p class="hint">{t("web.account.keys.once")}</p>
        </div>
      ) : null}
      {props.keys.length === 0 ? (
        <p class="muted">{t("web.account.keys.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="api-key-list">
            <thead>
              <tr>
                <th scope="col">{t("web.account.keys.name")}</th>
                <th scope="col">{t("web.account.keys.prefix")}</th>
                <th scope="col">{t("web.account.keys.scopes")}</th>
                <th scope="col">{t("web.account.keys.lastUsed")}</th>
                <th scope="col">{t("web.account.keys.createdAt")}</th>
                <th scope="col">{t("web.account.keys.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {props.keys.map((row) => (
                <KeyRow {...props} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.error ? (
        <p class="notice error" role="alert" data-testid="api-key-error">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/account/api-keys" class="stack" data-testid="api-key-form">
        <h3>{t("web.account.keys.new")}</h3>
        <div class="field">
          <label for="api-key-name">{t("web.account.keys.name")}</label>
          <input
            id="api-key-name"
            name="name"
            type="text"
            required
            maxlength={64}
            autocomplete="off"
            value={props.draft?.name ?? ""}
          />
        </div>
        <fieldset>
          <legend>{t("web.account.keys.scopes")}</legend>
          <div class="scope-list">
            {API_KEY_SCOPES.map((scope) => (
              <label class="scope">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={draftScopes.includes(scope)}
                />{" "}
                <code>{scope}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="primary" data-testid="api-key-create">
          {t("web.account.keys.create")}
        </button>
      </form>
    </section>
  );
}
