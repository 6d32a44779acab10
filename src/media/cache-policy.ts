/**
 * Cache-Control of served media. Keys never change content (a new result gets a new key), so
 * public works may be cached for a year by anyone. Private works may be kept by the browser
 * but must be revalidated on every use (a cheap 304 thanks to the ETag): a signed-out browser,
 * another account on the same machine, or a work made private or deleted then gets a 404
 * instead of a stale copy, and shared caches never store them.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable";
export const PRIVATE_CACHE_CONTROL = "private, no-cache";

/**
 * Stored on the object for any reader other than our route (dashboard, presigned URL), which
 * cannot know the work's visibility: assume private.
 */
export const STORED_CACHE_CONTROL = PRIVATE_CACHE_CONTROL;
