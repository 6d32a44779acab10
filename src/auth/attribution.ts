import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context";

/** Where a sign-up came from (SPEC §2 user fields). */
export interface SignupAttribution {
  country: string | null;
  ref: string | null;
  utmSource: string | null;
  /** The invite code as given: the inviter's user id, checked at sign-up. */
  invite: string | null;
}

export const ATTRIBUTION_COOKIE = "aniforge_attribution";
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;
const TAG = /^[\w.~-]{1,64}$/;
const COUNTRY = /^[A-Z]{2}$/;

type Campaign = Pick<SignupAttribution, "ref" | "utmSource" | "invite">;

function tag(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && TAG.test(trimmed) ? trimmed : null;
}

function campaignFromQuery(url: URL): Campaign {
  const q = url.searchParams;
  return {
    ref: tag(q.get("ref")),
    utmSource: tag(q.get("utm_source")),
    invite: tag(q.get("invite") ?? q.get("inviteCode")),
  };
}

function campaignFromCookie(raw: string | undefined): Campaign {
  if (!raw) return { ref: null, utmSource: null, invite: null };
  const q = new URLSearchParams(raw);
  return { ref: tag(q.get("ref")), utmSource: tag(q.get("utm")), invite: tag(q.get("invite")) };
}

const isEmpty = (c: Campaign) => !c.ref && !c.utmSource && !c.invite;

/** Cloudflare's geolocation of the client (request.cf, or the CF-IPCountry header). */
function requestCountry(request: Request, header: string | undefined): string | null {
  const cf = (request as { cf?: { country?: unknown } }).cf;
  const country = (typeof cf?.country === "string" ? cf.country : header)?.toUpperCase();
  return country && COUNTRY.test(country) && country !== "XX" ? country : null;
}

/**
 * Attribution of a sign-up request: the campaign in its own query string wins, then the
 * first-visit cookie; the country is Cloudflare's.
 */
export function signupAttribution(c: Context<AppEnv>): SignupAttribution {
  const fromQuery = campaignFromQuery(new URL(c.req.url));
  const campaign = isEmpty(fromQuery)
    ? campaignFromCookie(getCookie(c, ATTRIBUTION_COOKIE))
    : fromQuery;
  return { ...campaign, country: requestCountry(c.req.raw, c.req.header("cf-ipcountry")) };
}

/**
 * First touch wins: the first request carrying ?ref=, ?utm_source= or ?invite= stores them in
 * a cookie that later sign-ups read, so a visitor who lands from a campaign and signs up days
 * later is still attributed. An existing cookie is never overwritten.
 */
export const rememberFirstVisit: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (getCookie(c, ATTRIBUTION_COOKIE)) return;
  const campaign = campaignFromQuery(new URL(c.req.url));
  if (isEmpty(campaign)) return;
  const value = new URLSearchParams();
  if (campaign.ref) value.set("ref", campaign.ref);
  if (campaign.utmSource) value.set("utm", campaign.utmSource);
  if (campaign.invite) value.set("invite", campaign.invite);
  setCookie(c, ATTRIBUTION_COOKIE, value.toString(), {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.get("services").config.PUBLIC_URL).protocol === "https:",
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
};
