import type { Services } from "../context";
import type { SignupAttribution } from "./attribution";

/**
 * better-auth for this request, its modules loaded on first use. better-auth and its
 * dependencies are the largest part of the Worker's global scope (about a third of start-up
 * in `npm run bench`), and most requests never need them: media, the anonymous gallery,
 * provider callbacks, Stripe webhooks, API-key calls. The bundle keeps them (no code
 * splitting); only their evaluation waits for the first request with a session or an
 * /api/auth call, and later requests reuse the loaded module.
 */
export async function loadAuth(services: Services, attribution?: SignupAttribution) {
  const { createAuth } = await import("./better-auth");
  return createAuth(services, attribution);
}
