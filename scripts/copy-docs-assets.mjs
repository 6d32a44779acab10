// Copies the Swagger UI files /docs needs into public/docs/assets (Workers static assets), so
// the API reference works offline and without a CDN. public/ is a build output (gitignored).
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const source = dirname(require.resolve("swagger-ui-dist/package.json"));
const target = new URL("../public/docs/assets/", import.meta.url).pathname;
mkdirSync(target, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(source, file), join(target, file));
}
writeFileSync(
  join(target, "init.js"),
  'window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });\n',
);
console.log(`docs assets → ${target}`);
