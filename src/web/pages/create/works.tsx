import type { z } from "@hono/zod-openapi";
import type { GenerationSchema } from "../../../generations/schemas";
import type { Translate } from "../../../i18n/translate";

export type GenerationView = z.infer<typeof GenerationSchema>;
type ImageView = GenerationView["images"][number];
type VideoView = GenerationView["videos"][number];

/** Thumbnails are laid out at this width; the attributes only fix the box's shape. */
const THUMB_WIDTH = 320;
const ALT_LENGTH = 120;

export const STATUS_BADGE: Record<GenerationView["status"], string> = {
  pending: "badge warn",
  processing: "badge warn",
  succeeded: "badge ok",
  failed: "badge danger",
};

export function isRunning(status: GenerationView["status"]): boolean {
  return status === "pending" || status === "processing";
}

/** The prompt cut to an alt text's length, on a character (not a UTF-16 unit) boundary. */
export function altText(prompt: string): string {
  const chars = [...prompt];
  return chars.length > ALT_LENGTH ? `${chars.slice(0, ALT_LENGTH - 1).join("")}…` : prompt;
}

/** Width and height attributes from a "W:H" ratio (square when unknown). */
export function boxOf(ratio: string | null | undefined): { width: number; height: number } {
  const [w, h] = (ratio ?? "").split(":").map(Number);
  if (!w || !h) return { width: THUMB_WIDTH, height: THUMB_WIDTH };
  return { width: THUMB_WIDTH, height: Math.round((THUMB_WIDTH * h) / w) };
}

function imageBox(image: ImageView, ratio: string | null) {
  if (image.width && image.height) {
    return {
      width: THUMB_WIDTH,
      height: Math.round((THUMB_WIDTH * image.height) / image.width),
    };
  }
  return boxOf(ratio);
}

/** A publish/unpublish toggle; library.js sends the PATCH and flips aria-pressed. */
export function VisibilityToggle(props: {
  t: Translate;
  type: "image" | "video";
  uuid: string;
  visibility: "private" | "public";
}) {
  return (
    <button
      type="button"
      class="visibility-toggle js-only"
      data-testid="visibility-toggle"
      data-type={props.type}
      data-uuid={props.uuid}
      aria-pressed={props.visibility === "public" ? "true" : "false"}
    >
      {props.t("web.create.publicToggle")}
    </button>
  );
}

/** Every result of a generation, each with its own visibility toggle. */
export function ResultItems(props: {
  t: Translate;
  generation: GenerationView;
  ratio: string | null;
  /** The first row is above the fold: not lazy. */
  eager?: boolean;
}) {
  const { t, generation, ratio } = props;
  const alt = altText(generation.prompt);
  const loading = props.eager ? "eager" : "lazy";
  return (
    <>
      {generation.images.map((image) => (
        <figure class="result-item" data-testid="result-item">
          <a href={image.url}>
            <img
              src={image.url}
              alt={alt}
              {...imageBox(image, ratio)}
              loading={loading}
              decoding="async"
            />
          </a>
          <VisibilityToggle t={t} type="image" uuid={image.uuid} visibility={image.visibility} />
        </figure>
      ))}
      {generation.videos.map((video: VideoView) => (
        <figure class="result-item" data-testid="result-item">
          <video
            controls
            preload="none"
            poster={video.posterUrl ?? undefined}
            src={video.url}
            {...boxOf(video.ratio ?? ratio)}
            aria-label={alt}
          />
          <VisibilityToggle t={t} type="video" uuid={video.uuid} visibility={video.visibility} />
        </figure>
      ))}
    </>
  );
}
