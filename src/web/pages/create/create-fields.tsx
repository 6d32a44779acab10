import type { Translate } from "../../../i18n/translate";
import type { CreatorConfig, ModelView, PresetView, Selection } from "./create-data";

/** "10 credits / image" or "from 60 credits": what a model card says about its price. */
function priceLabel(t: Translate, model: ModelView): string {
  if (model.credits.kind === "per_image") {
    return t("web.create.pricePerImage", { count: model.credits.perImage });
  }
  const lowest = Math.min(...model.credits.table.map((row) => row.credits));
  return t("web.create.priceFrom", { count: lowest });
}

/** The models as radio cards; cards of the other type are hidden (create.js switches them). */
export function ModelPicker(props: { t: Translate; config: CreatorConfig; selection: Selection }) {
  const { t, selection } = props;
  return (
    <fieldset class="model-picker" data-testid="model-select">
      <legend>{t("web.create.model")}</legend>
      <div class="model-grid">
        {props.config.models.map((model) => (
          <label
            class="model-card"
            data-type={model.type}
            hidden={model.type !== selection.type}
            for={`model-${model.id}`}
          >
            <input
              type="radio"
              name="model"
              id={`model-${model.id}`}
              value={model.id}
              data-type={model.type}
              checked={model.id === selection.model.id}
            />
            <span class="model-name">{model.name}</span>
            <span class="model-badges">
              <span class="badge">{t(`web.create.type.${model.type}`)}</span>
              {model.badges.map((badge) => (
                <span class="badge">{t(`web.create.badge.${badge}`)}</span>
              ))}
            </span>
            <span class="model-price">{priceLabel(t, model)}</span>
            <span class="model-description">{model.description}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface Option {
  value: string;
  label: string;
}

/** A labelled select; `emptyLabel` adds a "none" choice (value ""). */
export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  selected: string | null;
  emptyLabel?: string;
  hidden?: boolean;
}) {
  return (
    <div class="field" data-field={props.name} hidden={props.hidden}>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.emptyLabel !== undefined ? (
          <option value="" selected={props.selected === null}>
            {props.emptyLabel}
          </option>
        ) : null}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.selected}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const presetOptions = (list: PresetView[], type: string): Option[] =>
  list
    .filter((p) => !p.appliesTo || p.appliesTo.includes(type as "image" | "video"))
    .map((p) => ({ value: p.id, label: p.name }));

const PRESET_FIELDS = [
  ["style", "styles"],
  ["scene", "scenes"],
  ["outfit", "outfits"],
  ["action", "actions"],
] as const;

/** Ratio, count, duration, quality, presets and camera motion for the selected model. */
export function OptionFields(props: { t: Translate; config: CreatorConfig; selection: Selection }) {
  const { t, config, selection } = props;
  const { model, type } = selection;
  const video = model.video;
  const none = t("web.create.none");
  const plain = (values: (string | number)[]) =>
    values.map((v) => ({ value: String(v), label: String(v) }));
  return (
    <div class="option-grid">
      <SelectField
        id="create-ratio"
        name="aspectRatio"
        label={t("web.create.aspectRatio")}
        options={plain(model.aspectRatios)}
        selected={selection.aspectRatio}
      />
      <SelectField
        id="create-count"
        name="count"
        label={t("web.create.count")}
        options={plain(model.allowedCounts)}
        selected={String(selection.count)}
        hidden={model.allowedCounts.length <= 1}
      />
      <SelectField
        id="create-duration"
        name="duration"
        label={t("web.create.duration")}
        options={(video?.durations ?? []).map((d) => ({
          value: String(d),
          label: t("web.create.seconds", { count: d }),
        }))}
        selected={selection.duration === null ? null : String(selection.duration)}
        hidden={!video}
      />
      <SelectField
        id="create-quality"
        name="quality"
        label={t("web.create.quality")}
        options={plain(video?.qualities ?? [])}
        selected={selection.quality}
        hidden={!video}
      />
      <SelectField
        id="create-camera"
        name="cameraMotion"
        label={t("web.create.cameraMotion")}
        options={config.cameraMotions.map((m) => ({ value: m.id, label: m.name }))}
        selected={selection.cameraMotion}
        emptyLabel={none}
        hidden={!video?.cameraMotions}
      />
      {PRESET_FIELDS.map(([field, list]) => (
        <SelectField
          id={`create-${field}`}
          name={field}
          label={t(`web.create.${field}`)}
          options={presetOptions(config[list], type)}
          selected={selection[field]}
          emptyLabel={none}
        />
      ))}
    </div>
  );
}
