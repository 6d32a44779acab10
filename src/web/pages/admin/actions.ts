import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { refundGeneration, retryIngest } from "../../../admin/generations/operations";
import { MODERATION_STATUSES, moderateArtwork } from "../../../admin/moderation/moderate";
import { createCost, updateCost } from "../../../admin/revenue/costs";
import { CostBody, CostPatchBody } from "../../../admin/revenue/schemas";
import { resolvePrincipal } from "../../../auth/principal";
import type { AppEnv } from "../../../context";
import { ApiError } from "../../../lib/errors";
import { enforceRateLimit } from "../../../rate-limit/enforce";
import { safeNext } from "../../navigation";

/**
 * The admin forms without JS: the same services as the JSON API's admin routes, with the same
 * rules (a session, not an API key; the caller's write budget), answered by a redirect back.
 */
async function adminActor(c: Context<AppEnv>) {
  const principal = await resolvePrincipal(c);
  if (principal?.via !== "session" || principal.role !== "admin") {
    throw new ApiError("FORBIDDEN");
  }
  await enforceRateLimit(c, "userWrite", `user:${principal.userId}`);
  return { actorId: principal.userId, requestId: c.get("requestId") ?? null };
}

const Uuid = z.uuid();

function uuidParam(c: Context<AppEnv>, name: string): string {
  const parsed = Uuid.safeParse(c.req.param(name));
  if (!parsed.success) throw new ApiError("NOT_FOUND");
  return parsed.data;
}

async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const form = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(form))
    if (typeof value === "string") fields[key] = value;
  return fields;
}

export async function retryAction(c: Context<AppEnv>) {
  const actor = await adminActor(c);
  const result = await retryIngest(c.get("services"), uuidParam(c, "uuid"), {
    ...actor,
    reason: null,
  });
  return c.redirect(`/admin/generations?done=${result.outcome}`, 303);
}

export async function refundAction(c: Context<AppEnv>) {
  const actor = await adminActor(c);
  const reason = z
    .string()
    .trim()
    .min(3)
    .max(500)
    .safeParse((await formFields(c)).reason);
  if (!reason.success) throw ApiError.fromZod(reason.error);
  const answer = await refundGeneration(c.get("services"), uuidParam(c, "uuid"), {
    ...actor,
    reason: reason.data,
  });
  return c.redirect(`/admin/generations?done=${answer.status}`, 303);
}

/** A form's cost fields: the amount arrives as text, a blank note means none. */
function costInput(fields: Record<string, string>) {
  const input: Record<string, unknown> = {};
  for (const key of ["month", "platform", "currency"] as const) {
    if (fields[key] !== undefined) input[key] = fields[key];
  }
  if (fields.amount !== undefined)
    input.amount = fields.amount === "" ? Number.NaN : Number(fields.amount);
  if (fields.note !== undefined) input.note = fields.note.trim() === "" ? null : fields.note;
  return input;
}

/** Conflicts and bad fields come back as the page's notice instead of an error page. */
async function costOutcome(c: Context<AppEnv>, work: () => Promise<unknown>, done: string) {
  try {
    await work();
    return c.redirect(`/admin/costs?done=${done}`, 303);
  } catch (error) {
    if (error instanceof ApiError && error.code === "COST_ALREADY_EXISTS") {
      return c.redirect("/admin/costs?done=COST_ALREADY_EXISTS", 303);
    }
    throw error;
  }
}

export async function createCostAction(c: Context<AppEnv>) {
  const actor = await adminActor(c);
  const body = CostBody.safeParse(costInput(await formFields(c)));
  if (!body.success) return c.redirect("/admin/costs?done=VALIDATION_FAILED", 303);
  const { db } = c.get("services");
  const requestId = actor.requestId ?? "";
  return costOutcome(
    c,
    () => createCost(db, { ...body.data, note: body.data.note ?? null }, { ...actor, requestId }),
    "created",
  );
}

export async function updateCostAction(c: Context<AppEnv>) {
  const actor = await adminActor(c);
  const id = uuidParam(c, "id");
  const body = CostPatchBody.safeParse(costInput(await formFields(c)));
  if (!body.success) return c.redirect("/admin/costs?done=VALIDATION_FAILED", 303);
  const { db } = c.get("services");
  const requestId = actor.requestId ?? "";
  return costOutcome(c, () => updateCost(db, id, body.data, { ...actor, requestId }), "updated");
}

const ModerationForm = z.object({
  status: z.enum(MODERATION_STATUSES),
  next: z.string().optional(),
});

export async function moderateAction(c: Context<AppEnv>) {
  const actor = await adminActor(c);
  const type = z.enum(["image", "video"]).safeParse(c.req.param("type"));
  if (!type.success) throw new ApiError("NOT_FOUND");
  const form = ModerationForm.safeParse(await formFields(c));
  if (!form.success) throw ApiError.fromZod(form.error);
  const { db, feedCache } = c.get("services");
  const result = await moderateArtwork(db, {
    type: type.data,
    uuid: uuidParam(c, "uuid"),
    status: form.data.status,
    reason: null,
    ...actor,
  });
  // As the API route: cached anonymous gallery pages may still list a banned work.
  if (result.changed) await feedCache.invalidate();
  return c.redirect(safeNext(form.data.next, "/admin/moderation"), 303);
}
