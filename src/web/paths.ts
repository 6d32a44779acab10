/**
 * Paths the web UI answers (src/web/routes.ts, loaded on the first page request). Kept apart
 * from the pages so the Worker's entry knows them without evaluating any page module.
 */
export const PAGE_PATHS = [
  "/",
  "/a/*",
  "/u/*",
  "/create",
  "/library",
  "/pricing",
  "/pricing/*",
  "/account",
  "/account/*",
  "/sign-in",
  "/sign-up",
  "/sign-out",
  "/locale",
  "/admin",
  "/admin/*",
  "/static/*",
] as const;
