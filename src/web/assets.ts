import accountCss from "./static/account.css?raw";
import accountJs from "./static/account.js?raw";
import adminCss from "./static/admin.css?raw";
import adminJs from "./static/admin.js?raw";
import authJs from "./static/auth.js?raw";
import baseCss from "./static/base.css?raw";
import commonJs from "./static/common.js?raw";
import createCss from "./static/create.css?raw";
import createJs from "./static/create.js?raw";
import favicon from "./static/favicon.svg?raw";
import galleryCss from "./static/gallery.css?raw";
import galleryJs from "./static/gallery.js?raw";
import libraryJs from "./static/library.js?raw";

/**
 * The UI's few static files, bundled into the Worker as text and served under a fingerprint
 * (`/static/<hash>/<name>`) with a year of immutable caching: a deploy changes the hash, so a
 * browser never mixes old and new files. One stylesheet for every page (small enough that a
 * second request would cost more than the bytes it saves).
 */
const FILES = {
  "app.css": {
    type: "text/css; charset=utf-8",
    body: [baseCss, galleryCss, createCss, accountCss, adminCss].join("\n"),
  },
  "common.js": { type: "text/javascript; charset=utf-8", body: commonJs },
  "gallery.js": { type: "text/javascript; charset=utf-8", body: galleryJs },
  "create.js": { type: "text/javascript; charset=utf-8", body: createJs },
  "library.js": { type: "text/javascript; charset=utf-8", body: libraryJs },
  "account.js": { type: "text/javascript; charset=utf-8", body: accountJs },
  "auth.js": { type: "text/javascript; charset=utf-8", body: authJs },
  "admin.js": { type: "text/javascript; charset=utf-8", body: adminJs },
  "favicon.svg": { type: "image/svg+xml", body: favicon },
} as const;

export type AssetName = keyof typeof FILES;
export type ScriptName = Extract<AssetName, `${string}.js`>;

const hashes = new Map<AssetName, string>();

/** FNV-1a of the text: a fingerprint, not a security measure; computed once per isolate. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function hashOf(name: AssetName): string {
  let hash = hashes.get(name);
  if (!hash) {
    hash = fingerprint(FILES[name].body);
    hashes.set(name, hash);
  }
  return hash;
}

export function assetUrl(name: AssetName): string {
  return `/static/${hashOf(name)}/${name}`;
}

export function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(FILES, name);
}

/**
 * The file under a fingerprint. A stale hash (a page rendered before a deploy) still gets the
 * current file, but only briefly cached, so it never pins an old version for a year.
 */
export function assetResponse(name: AssetName, hash: string): Response {
  const file = FILES[name];
  const current = hash === hashOf(name);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.type,
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Bytes of the named assets as served (the gallery's page-weight budget reads this). */
export function assetBytes(name: AssetName): number {
  return new TextEncoder().encode(FILES[name].body).length;
}
