import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CreateApiKeyBody } from "../../../api-keys/schemas";
import { createApiKey, revokeApiKey } from "../../../api-keys/service";
import { billingDeps } from "../../../billing/deps";
import { openPortal } from "../../../billing/self-service";
import type { AppEnv } from "../../../context";
import { checkIn } from "../../../incentives/service";
import { ApiError } from "../../../lib/errors";
import { isUuid } from "../../../lib/ids";
import { UpdateMeBody } from "../../../users/schemas";
import { updateMe } from "../../../users/service";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "../../locale-cookie";
import { guardedViewer, signedInPage } from "../../navigation";
import { renderPage } from "../../render";
import { loadAccount } from "./account-data";
import { AccountPage, type AccountPageProps } from "./account-page";
import { billingContact } from "./billing-info";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Keys account.js reads. */
const CLIENT_TEXT = ["web.account.keys.copied", "web.account.working"];

async function renderAccount(
  c: Context<AppEnv>,
  extra: Pick<AccountPageProps, "profile" | "apiKey"> = {},
  status: ContentfulStatusCode = 200,
) {
  const viewer = await guardedViewer(c);
  const services = c.get("services");
  const t = c.get("t");
  const query = c.req.query();
  const data = await loadAccount(services, viewer.id, query.history);
  const plan = services.configs.plans.find((p) => p.id === data.subscriptionPlanId);
  return renderPage(
    c,
    { title: t("web.account.title"), scripts: ["account.js"], clientText: CLIENT_TEXT, status },
    <AccountPage
      t={t}
      locale={c.get("locale")}
      data={data}
      planName={plan ? t(plan.nameKey) : null}
      query={query}
      {...extra}
    />,
  );
}

function apiKeyErrorMessage(c: Context<AppEnv>, error: ApiError): string {
  const t = c.get("t");
  const reason = error.details?.reason;
  if (reason === "name_taken") return t("web.account.keys.nameTaken");
  if (reason === "too_many_keys") return t("web.account.keys.tooMany");
  return t(`errors.${error.code}`);
}

/** A GET of a form's address (a reload, a sign-in round trip) lands on the page itself. */
const backToAccount = (c: Context<AppEnv>) => c.redirect("/account", 302);

/** The signed-in user's account page and the form posts it makes. */
export const accountRoutes = new Hono<AppEnv>()
  .use("/account", signedInPage)
  .use("/account/*", signedInPage)
  .get("/account", (c) => renderAccount(c))
  .get("/account/:form{profile|check-in|portal|api-keys}", backToAccount)
  .post("/account/profile", async (c) => {
    const viewer = await guardedViewer(c);
    const form = await c.req.parseBody();
    const draft = {
      displayName: text(form.displayName),
      bio: text(form.bio),
      locale: text(form.locale),
    };
    const parsed = UpdateMeBody.safeParse({
      displayName: draft.displayName.trim() || null,
      bio: draft.bio.trim() || null,
      locale: draft.locale || null,
    });
    if (!parsed.success) {
      const error = c.get("t")("web.account.profile.invalid");
      return renderAccount(c, { profile: { draft, error } }, 400);
    }
    await updateMe(c.get("services"), viewer.id, parsed.data);
    // A language picked earlier with the header's switcher would otherwise outrank this one.
    const cookie = parsed.data.locale
      ? `${LOCALE_COOKIE}=${parsed.data.locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}`
      : `${LOCALE_COOKIE}=; Path=/; Max-Age=0`;
    c.header("Set-Cookie", `${cookie}; SameSite=Lax`, { append: true });
    return c.redirect("/account?saved=profile#profile", 303);
  })
  .post("/account/check-in", async (c) => {
    const viewer = await guardedViewer(c);
    const { created } = await checkIn(c.get("services"), viewer.id);
    return c.redirect(`/account?checkIn=${created ? "done" : "already"}#check-in`, 303);
  })
  .post("/account/portal", async (c) => {
    const viewer = await guardedViewer(c);
    const services = c.get("services");
    const portal = await openPortal(
      billingDeps(services),
      await billingContact(services, viewer.id),
    );
    return c.redirect(portal.url, 303);
  })
  .post("/account/api-keys", async (c) => {
    const viewer = await guardedViewer(c);
    const form = await c.req.parseBody({ all: true });
    const draft = {
      name: text(form.name),
      scopes: [form.scopes].flat().filter((s): s is string => typeof s === "string"),
    };
    const parsed = CreateApiKeyBody.safeParse({ name: draft.name, scopes: draft.scopes });
    if (!parsed.success) {
      const error = c.get("t")("web.account.keys.invalid");
      return renderAccount(c, { apiKey: { draft, error } }, 400);
    }
    try {
      const { row, secret } = await createApiKey(c.get("services"), viewer.id, {
        name: parsed.data.name,
        scopes: parsed.data.scopes,
        expiresAt: null,
      });
      const page = await renderAccount(c, { apiKey: { created: { name: row.name, secret } } });
      // The secret is in this answer only: no cache, not even the browser's, may keep it.
      page.headers.set("Cache-Control", "no-store");
      return page;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const message = apiKeyErrorMessage(c, error);
      return renderAccount(
        c,
        { apiKey: { draft, error: message } },
        error.status as ContentfulStatusCode,
      );
    }
  })
  .post("/account/api-keys/:id/revoke", async (c) => {
    const viewer = await guardedViewer(c);
    const id = c.req.param("id");
    if (!isUuid(id)) throw new ApiError("NOT_FOUND");
    await revokeApiKey(c.get("services"), viewer.id, id.toLowerCase());
    return c.redirect("/account?revoked=1#api-keys", 303);
  });
