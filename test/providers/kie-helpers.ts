import { expect } from "vitest";
import { getConfigs } from "../../src/configs";
import type { ModelConfig } from "../../src/configs/schema";
import type { ProviderResult, SubmitTaskInput } from "../../src/providers/types";

export function modelById(id: string): ModelConfig {
  const model = getConfigs().models.find((m) => m.id === id);
  if (!model) throw new Error(`no model ${id} in configs/models.json`);
  return model;
}

/** A unique word for prompts and fail-next matches: parallel test files never collide. */
export function nonce(): string {
  return `n${crypto.randomUUID().replaceAll("-", "")}`;
}

export function submitInput(
  modelId: string,
  overrides: Partial<SubmitTaskInput> = {},
): SubmitTaskInput {
  const model = modelById(modelId);
  return {
    model,
    prompt: `a fox spirit under the moon ${nonce()}`,
    count: 1,
    aspectRatio: model.defaultAspectRatio,
    referenceImageUrls: [],
    callbackUrl: `https://aniforge.test/api/callbacks/kie/${crypto.randomUUID()}?token=t`,
    ...overrides,
  };
}

export function expectOk<T>(result: ProviderResult<T>): T {
  if (!result.ok) throw new Error(`provider failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

export function expectFailure<T>(result: ProviderResult<T>) {
  if (result.ok)
    throw new Error(`provider unexpectedly succeeded: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Fetches a result URL and checks it is a PNG; answers its IHDR width and height. */
export async function fetchPng(
  url: string,
): Promise<{ width: number; height: number; bytes: Uint8Array }> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe("IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20), bytes };
}
