import { defineConfig } from "drizzle-kit";

// `npm run db:generate` diffs src/db/schema against migrations/ and writes the next SQL file.
// Views and other hand-written SQL: `npx drizzle-kit generate --custom --name <what>`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
});
