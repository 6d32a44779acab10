// Shared by the KieAI stand-in video tests: its API paths, request bodies and readers.
/// <reference types="vite/client" />
import fixtureDataUrl from "../../scripts/local/fixtures/test-pattern.mp4?inline";
import { kieCreated, kieRecord, kieRefusal, recordedCallbackBodies } from "../support/kie";
import { nonce } from "./kie-helpers";

export const JOBS = { create: "/api/v1/jobs/createTask", record: "/api/v1/jobs/recordInfo" };
export const VEO = { create: "/api/v1/veo/generate", record: "/api/v1/veo/record-info" };
export const RUNWAY = { create: "/api/v1/runway/generate", record: "/api/v1/runway/record-detail" };
export const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const IMAGE = "https://cdn.aniforge.test/frame.png";
/** The committed fixture, inlined at build time by Vite: the tests run in workerd, not Node. */
export const FIXTURE = Uint8Array.from(atob(fixtureDataUrl.split(",")[1] ?? ""), (c) =>
  c.charCodeAt(0),
);

export const callBackUrl = () =>
  `https://aniforge.test/api/callbacks/kie/${crypto.randomUUID()}?token=t`;
export const prompt = (controls = "") => `a paper lantern drifting ${nonce()} ${controls}`;

// Each family's endpoints, named by what the call expects of them.
export const created = (api: typeof JOBS, body: Record<string, unknown>) =>
  kieCreated(api.create, body);
export const refusal = (api: typeof JOBS, body: Record<string, unknown>) =>
  kieRefusal(api.create, body);
export const record = (api: typeof JOBS, taskId: string) => kieRecord(api.record, taskId);
export const callbacks = recordedCallbackBodies;

export const jobsTask = (model: string, input: Record<string, unknown>) =>
  created(JOBS, {
    model,
    callBackUrl: callBackUrl(),
    input: { prompt: prompt(), ...input },
  });
export const jobsRefusal = (model: string, input: Record<string, unknown>) =>
  refusal(JOBS, { model, input: { prompt: prompt(), ...input } });
export const veoBody = (extra: Record<string, unknown> = {}) => ({
  prompt: prompt(),
  model: "veo3",
  callBackUrl: callBackUrl(),
  ...extra,
});
export const runwayBody = (extra: Record<string, unknown> = {}) => ({
  prompt: prompt(),
  duration: 5,
  quality: "720p",
  aspectRatio: "9:16",
  callBackUrl: callBackUrl(),
  ...extra,
});

/** Top-level MP4 boxes as [type, size], read from each box's own 32-bit size. */
export function mp4Boxes(bytes: Uint8Array): [string, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: [string, number][] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at);
    boxes.push([new TextDecoder().decode(bytes.subarray(at + 4, at + 8)), size]);
    if (size < 8) break;
    at += size;
  }
  return boxes;
}
