/** Catalogue entries gallery.js needs to build cards and report failures. */
export const CLIENT_TEXT = [
  "web.gallery.like",
  "web.gallery.favorite",
  "web.gallery.video",
  "web.gallery.loadFailed",
];
