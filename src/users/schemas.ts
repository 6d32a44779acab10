import { z } from "@hono/zod-openapi";
import { LOCALES } from "../i18n/catalogues";

export const GENDERS = ["male", "female", "other"] as const;

const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" }).max(2048);

/** PATCH /api/me: only these fields; anything else (role, isSub, credits...) is rejected. */
export const UpdateMeBody = z
  .object({
    displayName: z.string().trim().min(1).max(50).nullable(),
    bio: z.string().trim().max(500).nullable(),
    gender: z.enum(GENDERS).nullable(),
    backgroundUrl: httpsUrl.nullable(),
    locale: z.enum(LOCALES).nullable(),
    avatarUrl: z
      .union([
        httpsUrl,
        z.uuid({ error: "must be an https:// URL or the id of one of your images" }),
      ])
      .nullable(),
  })
  .partial()
  .strict()
  .meta({ id: "UpdateMe" });
export type UpdateMe = z.infer<typeof UpdateMeBody>;

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    emailVerified: z.boolean(),
    name: z.string(),
    displayName: z.string().nullable(),
    avatarUrl: z
      .string()
      .nullable()
      .meta({ description: "As saved: an https URL or the id of one of my images" }),
    avatarSrc: z.string().nullable().meta({ description: "A displayable URL or /media/ path" }),
    bio: z.string().nullable(),
    gender: z.enum(GENDERS).nullable(),
    backgroundUrl: z.string().nullable(),
    locale: z.enum(LOCALES).nullable(),
    role: z.enum(["user", "admin"]),
    membership: z.object({
      isMember: z.boolean(),
      planType: z.string().nullable(),
      expiresAt: z.iso.datetime().nullable(),
    }),
    credits: z.object({ balance: z.number().int() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof MeSchema>;

export const PublicProfileSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    avatarSrc: z.string().nullable(),
    bio: z.string().nullable(),
    backgroundUrl: z.string().nullable(),
    isMember: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "PublicProfile" });
export type PublicProfile = z.infer<typeof PublicProfileSchema>;

export const UserIdParams = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" } }),
});
