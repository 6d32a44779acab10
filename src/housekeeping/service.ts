import { lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { session, verification } from "../db/schema";

/** Sessions stay a day past expiry (for "your session expired" diagnostics), then go. */
const SESSION_GRACE_MS = 24 * 60 * 60 * 1000;

/** Deletes expired sessions and verification tokens; returns how many rows went. */
export async function purgeExpiredAuthRecords(db: Database, now: Date) {
  const sessions = await db
    .delete(session)
    .where(lt(session.expiresAt, new Date(now.getTime() - SESSION_GRACE_MS)))
    .returning({ id: session.id });
  const verifications = await db
    .delete(verification)
    .where(lt(verification.expiresAt, now))
    .returning({ id: verification.id });
  return { sessions: sessions.length, verifications: verifications.length };
}
