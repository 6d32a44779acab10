import { parse } from "csv-parse/browser/esm/sync";
import { expect } from "vitest";
import type { SignedUpUser } from "./auth";
import { call } from "./http";

/** GET an admin route as `admin` and expect 200 JSON. */
export async function adminJson<T>(admin: SignedUpUser, path: string): Promise<T> {
  const res = await call(path, { headers: { cookie: admin.cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<T>();
}

/**
 * GET an admin route with `format=csv`, check the download headers, and parse the file back
 * with an independent RFC 4180 parser (csv-parse): one record per row, keyed by header.
 */
export async function adminCsv(
  admin: SignedUpUser,
  path: string,
): Promise<{ rows: Record<string, string>[]; filename: string; raw: string }> {
  const url = `${path}${path.includes("?") ? "&" : "?"}format=csv`;
  const res = await call(url, { headers: { cookie: admin.cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const disposition = res.headers.get("content-disposition") ?? "";
  const filename = /^attachment; filename="(aniforge-[A-Za-z0-9._-]+\.csv)"$/.exec(
    disposition,
  )?.[1];
  expect(filename, disposition).toBeDefined();
  const raw = await res.text();
  const rows = parse(raw, { bom: true, columns: true, record_delimiter: "\r\n" }) as Record<
    string,
    string
  >[];
  return { rows, filename: filename ?? "", raw };
}
