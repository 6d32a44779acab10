import { z } from "zod";

/**
 * "Look at this generation's provider task": sent by the callback route, the sweeper and
 * admins. It carries no results — the consumer asks the provider (SPEC §5.3–5.4).
 */
export const CHECK_GENERATION = "generation.check";

export const CheckGenerationSchema = z.object({
  kind: z.literal(CHECK_GENERATION),
  generationUuid: z.uuid(),
  /** The task id the callback named (logged; the generation row is the authority). */
  taskId: z.string().max(200).nullable().optional(),
  source: z.enum(["callback", "sweeper", "admin"]),
});
export type CheckGeneration = z.infer<typeof CheckGenerationSchema>;

export function checkGenerationMessage(
  generationUuid: string,
  source: CheckGeneration["source"],
  taskId: string | null = null,
): CheckGeneration {
  return { kind: CHECK_GENERATION, generationUuid, taskId, source };
}
