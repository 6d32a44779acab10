/** SPEC §2: a member is `is_sub = true and sub_expired_at >= now()`. */
export function isMember(row: { isSub: boolean; subExpiredAt: Date | null }, now: Date): boolean {
  return row.isSub && row.subExpiredAt !== null && row.subExpiredAt >= now;
}
