import type { Context } from "hono";
import { resolvePrincipal } from "../auth/principal";
import type { AppEnv } from "../context";
import { getMe } from "../users/service";

/** Who is looking at a page: the signed-in user with what the header shows, or null. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: "user" | "admin";
  balance: number;
  isMember: boolean;
}

const viewers = new WeakMap<Request, Promise<Viewer | null>>();

/** Resolved once per request (the guard and the layout both ask). */
export function pageViewer(c: Context<AppEnv>): Promise<Viewer | null> {
  let found = viewers.get(c.req.raw);
  if (!found) {
    found = loadViewer(c);
    viewers.set(c.req.raw, found);
  }
  return found;
}

async function loadViewer(c: Context<AppEnv>): Promise<Viewer | null> {
  const principal = await resolvePrincipal(c);
  if (!principal) return null;
  const me = await getMe(c.get("services"), principal.userId);
  return {
    id: me.id,
    name: me.displayName ?? me.name,
    email: me.email,
    role: me.role,
    balance: me.credits.balance,
    isMember: me.membership.isMember,
  };
}
