// `npm run db:seed`: local demo accounts (SPEC §8). Refuses anything that looks like production.
import { DEV_PASSWORD, seedLocalData } from "./local/seed";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (npm run dev seeds its embedded database by itself).");
  process.exit(2);
}
const host = new URL(url).hostname;
if (!["127.0.0.1", "localhost", "::1"].includes(host) && process.env.SEED_ALLOW_REMOTE !== "1") {
  console.error(
    `refusing to seed demo accounts into ${host}: local databases only (SEED_ALLOW_REMOTE=1 overrides)`,
  );
  process.exit(2);
}
const created = await seedLocalData(url);
console.log(
  created.length
    ? `seeded ${created.join(", ")} (password ${DEV_PASSWORD})`
    : "seed data already present",
);
