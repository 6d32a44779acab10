import type { Translate } from "../../../i18n/translate";
import { jsonForScript } from "../../layout";
import type { CreatorConfig, Selection } from "./create-data";
import { ModelPicker, OptionFields } from "./create-fields";

export interface CreatePageProps {
  t: Translate;
  config: CreatorConfig;
  selection: Selection;
  balance: number;
  quote: number | null;
  /** `?reuse=` named a work that cannot be reused (gone, private, malformed). */
  reuseUnavailable: boolean;
}

/** Raw JSON for the page script (a data block is never run, and the CSP allows it). */
function DataBlock(props: { id: string; value: unknown }) {
  return (
    <script
      type="application/json"
      id={props.id}
      dangerouslySetInnerHTML={{ __html: jsonForScript(props.value) }}
    />
  );
}

export function CreatePage(props: CreatePageProps) {
  const { t, selection, balance, quote } = props;
  const short = quote !== null && quote > balance;
  const references = selection.referenceImages.length;
  return (
    <section class="create-page">
      <h1>{t("web.create.title")}</h1>
      {props.reuseUnavailable ? (
        <p class="notice error" data-testid="reuse-unavailable">
          {t("web.create.reuseUnavailable")}
        </p>
      ) : null}
      <noscript>
        <p class="notice">{t("web.create.needsJs")}</p>
      </noscript>
      <form id="create-form" class="create-form card" data-balance={String(balance)} novalidate>
        <fieldset class="type-switch">
          <legend>{t("web.create.type")}</legend>
          {(["image", "video"] as const).map((type) => (
            <label class="choice" for={`create-type-${type}`}>
              <input
                type="radio"
                id={`create-type-${type}`}
                name="type"
                value={type}
                checked={selection.type === type}
              />
              {t(`web.create.type.${type}`)}
            </label>
          ))}
        </fieldset>
        <ModelPicker t={t} config={props.config} selection={selection} />
        <label for="create-prompt">{t("web.create.prompt")}</label>
        <textarea
          id="create-prompt"
          name="prompt"
          data-testid="prompt-input"
          required
          rows={5}
          maxlength={selection.model.prompt.maxLength}
          aria-describedby="create-prompt-hint"
          placeholder={t("web.create.promptPlaceholder")}
        >
          {selection.prompt}
        </textarea>
        <p class="hint" id="create-prompt-hint">
          {t("web.create.promptHint", { max: selection.model.prompt.maxLength })}
        </p>
        <OptionFields t={t} config={props.config} selection={selection} />
        {references > 0 ? (
          <label class="choice" for="create-references">
            <input type="checkbox" id="create-references" name="useReferences" checked />
            {t("web.create.references", { count: references })}
          </label>
        ) : null}
        <fieldset class="visibility-switch">
          <legend>{t("web.create.visibility")}</legend>
          {(["private", "public"] as const).map((value) => (
            <label class="choice" for={`create-visibility-${value}`}>
              <input
                type="radio"
                id={`create-visibility-${value}`}
                name="visibility"
                value={value}
                checked={selection.visibility === value}
              />
              {t(`web.create.visibility.${value}`)}
            </label>
          ))}
        </fieldset>
        <div class="quote-bar" aria-live="polite">
          <p class="quote">
            {t("web.create.cost")}{" "}
            <strong id="credit-quote" data-testid="credit-quote">
              {quote === null ? "—" : t("web.layout.credits", { count: quote })}
            </strong>
            <span class="muted">
              {" · "}
              <span id="create-balance">{t("web.create.balance", { count: balance })}</span>
            </span>
          </p>
          <p id="quote-problem" class="field-error" hidden={!short}>
            {short ? t("web.create.insufficient") : ""}
          </p>
          <a href="/pricing" id="quote-topup" class="hint" hidden={!short}>
            {t("web.create.topUp")}
          </a>
        </div>
        <button type="submit" class="primary" data-testid="create-submit" disabled>
          {t("web.create.submit")}
        </button>
      </form>
      <section
        id="create-result"
        class="create-result"
        hidden
        aria-labelledby="create-result-title"
      >
        <h2 id="create-result-title">{t("web.create.resultTitle")}</h2>
        <p class="generation-status" data-testid="generation-status" data-status="" role="status" />
        <div id="create-results" class="result-grid" />
        <p>
          <a href="/library">{t("web.create.toLibrary")}</a>
        </p>
      </section>
      <DataBlock id="create-config" value={props.config} />
      <DataBlock
        id="create-prefill"
        value={{ referenceImages: selection.referenceImages, imageMode: selection.imageMode }}
      />
    </section>
  );
}
