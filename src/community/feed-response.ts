import type { Services } from "../context";
import type { Locale } from "../i18n/catalogues";
import { toBase64Url } from "../lib/hmac";
import { type FeedRequest, type GalleryDeps, listFeed } from "./feed";
import type { CachedPage } from "./feed-cache";

/** A strong entity tag of the exact body (the same bytes always get the same tag). */
export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  return `"${toBase64Url(new Uint8Array(digest).slice(0, 16))}"`;
}

/**
 * Only anonymous first pages are cached, and only for filters naming config entries: a visitor
 * inventing model or style ids must not be able to fill Redis with empty pages.
 */
function cacheVariant(services: Services, request: FeedRequest, locale: Locale): string | null {
  if (request.viewerId || request.cursor || request.authorId) return null;
  const { configs } = services;
  if (request.model && !configs.models.some((m) => m.id === request.model)) return null;
  if (request.style && !configs.styles.some((s) => s.id === request.style)) return null;
  const { sort, type, model, style, limit } = request;
  return [locale, sort, type, model ?? "", style ?? "", limit].join(":");
}

/** The feed page as the response body and its entity tag, from the cache when it may be. */
export async function feedPageResponse(
  services: Services,
  deps: GalleryDeps,
  request: FeedRequest,
  locale: Locale,
): Promise<CachedPage & { cache: "hit" | "miss" | "bypass" }> {
  const variant = cacheVariant(services, request, locale);
  const cached = variant ? await services.feedCache.read(variant) : null;
  if (cached?.hit) return { ...cached.hit, cache: "hit" };
  const body = JSON.stringify(await listFeed(deps, request));
  const page = { body, etag: await etagOf(body) };
  if (variant && cached?.version !== null && cached?.version !== undefined) {
    services.background(services.feedCache.write(variant, cached.version, page));
  }
  return { ...page, cache: variant ? "miss" : "bypass" };
}
