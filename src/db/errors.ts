/**
 * Whether a failed query broke the named unique constraint. Drizzle wraps driver errors
 * ("Failed query: …") with the Postgres error as `cause`; either may carry the SQLSTATE.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (
    let at: unknown = error;
    at && typeof at === "object";
    at = (at as { cause?: unknown }).cause
  ) {
    const { code, constraint: name } = at as { code?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === undefined || name === constraint;
  }
  return false;
}
