import pg from "pg";
import { startEmbeddedPostgres } from "../local/embedded-postgres";
import { freePort } from "../local/ports";

const EMBEDDED_DATA_DIR = ".data/bench-pglite";

export interface BenchDatabase {
  url: string;
  /** Where the data goes, without credentials. */
  label: string;
  /** This run created the database (DATABASE_URL named one that did not exist). */
  created: boolean;
  stop(): Promise<void>;
}

/** The server in DATABASE_URL (its database created when missing), else an embedded PGlite. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const created = await createDatabaseIfMissing(url);
    const { host, pathname } = new URL(url);
    return { url, label: `${host}${pathname} (DATABASE_URL)`, created, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: EMBEDDED_DATA_DIR,
    port: await freePort(),
  });
  return {
    url: embedded.url,
    label: `embedded PGlite (${EMBEDDED_DATA_DIR})`,
    created: false,
    stop: () => embedded.stop(),
  };
}

async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name || name === "postgres") return false;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}
