import type { ArtworkDetail } from "../../../community/schemas";

/** The longest side a work is laid out at before the browser scales it to the column. */
const LONG_SIDE = 1024;

/**
 * Width and height for the media element: the stored pixels when known (images), else the
 * generation's aspect ratio ("16:9"), else a square — so the box never shifts while loading.
 */
export function mediaSize(work: Pick<ArtworkDetail, "width" | "height" | "aspectRatio">) {
  if (work.width && work.height) return { width: work.width, height: work.height };
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(work.aspectRatio ?? "");
  const across = Number(match?.[1]);
  const down = Number(match?.[2]);
  if (!(across > 0 && down > 0)) return { width: LONG_SIDE, height: LONG_SIDE };
  return across >= down
    ? { width: LONG_SIDE, height: Math.round((LONG_SIDE * down) / across) }
    : { width: Math.round((LONG_SIDE * across) / down), height: LONG_SIDE };
}
