import { signHmac, verifyHmac } from "../lib/hmac";

// Domain separation: the same secret also signs media links, which must never pass as tokens.
const purpose = (generationUuid: string) => `kie-callback:${generationUuid}`;

/** The URL KieAI calls when the task ends: only we can mint its token (SPEC §5.2). */
export async function callbackUrlFor(
  publicUrl: string,
  secret: string,
  generationUuid: string,
): Promise<string> {
  const token = await signHmac(secret, purpose(generationUuid));
  return `${publicUrl}/api/callbacks/kie/${generationUuid}?token=${token}`;
}

export function verifyCallbackToken(
  secret: string,
  generationUuid: string,
  token: string,
): Promise<boolean> {
  return verifyHmac(secret, purpose(generationUuid), token);
}
