import { describe, expect, it } from "vitest";
import { getConfigs, RAW_CONFIG_FILES } from "../../src/configs";
import { ConfigFileError, validateConfigs } from "../../src/configs/load";
import { CATALOGUES } from "../../src/i18n/catalogues";
import { call } from "../support/http";

const clone = <T>(value: T): T => structuredClone(value);

function problemsOf(
  mutate: (files: typeof RAW_CONFIG_FILES) => void,
  catalogues = CATALOGUES,
): string[] {
  const files = clone(RAW_CONFIG_FILES);
  mutate(files);
  try {
    validateConfigs(files, catalogues);
  } catch (error) {
    if (error instanceof ConfigFileError) return error.problems;
    throw error;
  }
  return [];
}

type AnyRecord = Record<string, any>;

describe("configs/ validation", () => {
  it("accepts the shipped files with the models the product offers", () => {
    const configs = getConfigs();
    const ids = configs.models.map((m) => m.id);
    for (const id of [
      "nano-banana",
      "nano-banana-pro",
      "gpt-4o-image",
      "seedream",
      "flux",
      "z-image",
      "sora-2",
      "sora-2-pro",
      "veo3",
      "veo3_fast",
      "kling",
      "runway",
    ]) {
      expect(ids).toContain(id);
    }
    expect(configs.plans.some((p) => p.kind === "pack")).toBe(true);
    expect(configs.plans.some((p) => p.kind === "subscription")).toBe(true);
  });

  it("names the file and the field of a wrong type", () => {
    const problems = problemsOf((f) => {
      ((f["models.json"] as AnyRecord).models[2] as AnyRecord).credits.credits = "ten";
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^models\.json: models\[2\]\.credits\.credits: /);
  });

  it("names a missing field and a file that is not an object", () => {
    const problems = problemsOf((f) => {
      delete ((f["plans.json"] as AnyRecord).plans[0] as AnyRecord).prices;
      f["incentives.json"] = "oops";
    });
    expect(problems.join("\n")).toMatch(/plans\.json: plans\[0\]\.prices: /);
    expect(problems.join("\n")).toMatch(/incentives\.json: : /);
  });

  it("checks cross-field rules: default ratio, price table vs durations", () => {
    const problems = problemsOf((f) => {
      const models = (f["models.json"] as AnyRecord).models as AnyRecord[];
      models[0]!.defaultAspectRatio = "7:5";
      const runway = models.find((m) => m.id === "runway")!;
      runway.credits.table[0].duration = 7;
    });
    expect(problems.join("\n")).toContain(
      "models.json: models[0].defaultAspectRatio: must be one of aspectRatios",
    );
    expect(problems.join("\n")).toMatch(
      /models\.json: models\[\d+\]\.credits\.table\[0\]\.duration: is not one of video\.durations/,
    );
  });

  it("rejects duplicate ids and display-name keys missing from a catalogue", () => {
    const withoutKey = { ...CATALOGUES, ja: { ...CATALOGUES.ja } };
    delete (withoutKey.ja as AnyRecord)["styles.chibi.name"];
    const problems = problemsOf((f) => {
      const styles = (f["styles.json"] as AnyRecord).styles as AnyRecord[];
      styles.push({ ...styles[0] });
    }, withoutKey);
    expect(problems.join("\n")).toMatch(
      /styles\.json: styles\[\d+\]\.id: duplicate id "classic-anime"/,
    );
    expect(problems.join("\n")).toMatch(
      /styles\.json: styles\[\d+\]\.nameKey: "styles\.chibi\.name" is missing from i18n\/ja\.json/,
    );
  });
});

describe("GET /api/configs", () => {
  it("returns localised names and nothing internal", async () => {
    const res = await call("/api/configs?locale=ja");
    expect(res.status).toBe(200);
    const body = await res.json<AnyRecord>();
    const chibi = body.styles.find((s: AnyRecord) => s.id === "chibi");
    expect(chibi.name).toBe("ちびキャラ");
    const pack = body.plans.find((p: AnyRecord) => p.id === "pack-starter");
    expect(pack).toMatchObject({ kind: "pack", credits: 300, name: "スターターパック" });
    expect(pack.prices.usd).toBe(499);
    const runway = body.models.find((m: AnyRecord) => m.id === "runway");
    expect(runway).toMatchObject({ type: "video", credits: { kind: "per_video" } });
    const text = JSON.stringify(body);
    for (const secret of [
      "providerModelId",
      "promptFragment",
      "stripePriceEnv",
      "STRIPE_PRICE_",
      "google/nano-banana",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("answers in English by default", async () => {
    const body = await (await call("/api/configs")).json<AnyRecord>();
    expect(body.models.find((m: AnyRecord) => m.id === "kling").name).toBe("Kling 2.6");
  });
});
