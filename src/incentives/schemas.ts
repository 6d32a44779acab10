import { z } from "@hono/zod-openapi";

export const CheckInResultSchema = z
  .object({
    alreadyCheckedIn: z
      .boolean()
      .meta({ description: "True when today's check-in had already been made (no new reward)" }),
    date: z.iso.date().meta({ description: "The UTC day checked in for" }),
    streak: z.number().int().meta({ description: "Consecutive days including today" }),
    reward: z.number().int().meta({ description: "Credits today's check-in granted" }),
    nextReward: z.number().int().meta({ description: "Tomorrow's reward if the streak holds" }),
    balance: z.number().int(),
  })
  .meta({ id: "CheckInResult" });

export const ShareBody = z
  .object({
    platform: z.string().trim().min(1).max(40).meta({ example: "x" }),
    url: z
      .url({ protocol: /^https$/, error: "must be an https:// URL" })
      .max(2048)
      .meta({ description: "The public link of the post" }),
  })
  .strict()
  .meta({ id: "ShareClaim" });

export const ShareResultSchema = z
  .object({
    alreadyClaimed: z.boolean().meta({ description: "This URL was already rewarded today" }),
    date: z.iso.date(),
    platform: z.string(),
    url: z.string(),
    reward: z.number().int(),
    claimsLeft: z.number().int(),
    balance: z.number().int(),
  })
  .meta({ id: "ShareResult" });

export const IncentiveStatusSchema = z
  .object({
    date: z.iso.date(),
    resetsAt: z.iso.datetime().meta({ description: "Next UTC midnight" }),
    checkIn: z.object({
      checkedInToday: z.boolean(),
      streak: z.number().int().meta({ description: "The live streak (0 when broken)" }),
      todayReward: z.number().int().nullable(),
      nextReward: z.number().int().meta({ description: "What the next check-in grants" }),
    }),
    share: z.object({
      reward: z.number().int(),
      maxPerDay: z.number().int(),
      claimedToday: z.number().int(),
      claimsLeft: z.number().int(),
      platforms: z.array(z.string()),
    }),
  })
  .meta({ id: "IncentiveStatus" });
