// `npm run db:migrate`: applies migrations/ to DATABASE_URL (Neon or any Postgres).
import { runMigrations } from "./local/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set. Example: DATABASE_URL=postgres://user:pass@host/db npm run db:migrate",
  );
  process.exit(2);
}
await runMigrations(url);
console.log(`migrations applied to ${new URL(url).host}${new URL(url).pathname}`);
