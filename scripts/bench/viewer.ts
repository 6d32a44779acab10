import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Viewer } from "./context";

/**
 * A signed-in visitor made through better-auth's own sign-up, who then likes 2,000 listed
 * works (as a heavy user does), so feed pages check real liked/favorited flags.
 */
export async function signUpViewer(base: string, sql: pg.Client): Promise<Viewer> {
  const email = `viewer-${randomUUID().slice(0, 8)}@bench.test`;
  const res = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "bench-viewer-password", name: "Bench viewer" }),
  });
  if (!res.ok) throw new Error(`sign-up → ${res.status}: ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  // Node's fetch has getSetCookie; the DOM typings this project compiles with do not.
  const cookie = (res.headers as unknown as { getSetCookie(): string[] })
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  await sql.query(
    `insert into user_interactions (user_id, art_type, art_id, interaction_type)
     select $1, 'image', uuid, 'like' from generation_images
     where visibility_level = 'public' and moderation_status <> 'banned'
     order by created_at desc limit 2000
     on conflict do nothing`,
    [user.id],
  );
  return { userId: user.id, cookie };
}
