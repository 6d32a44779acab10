// The KieAI stand-in's request checks: what KieAI accepts on createTask (per market model) and
// on the 4o generate endpoint. A refusal becomes KieAI's HTTP 200 + `{code: 422, msg}` answer.
import {
  asObject,
  checkBooleans,
  checkCallBackUrl,
  checkEnums,
  checkPrompt,
  checkUrls,
} from "./kie-standin-checks";
import type { CreateCheck } from "./kie-standin-families";
import { JOBS_RULES, type JobsRule } from "./kie-standin-jobs-rules";

function checkJobsInput(rule: JobsRule, model: string, input: Record<string, unknown>) {
  const refused = rule.refuses?.find((field) => input[field] !== undefined);
  if (refused) return `${refused} is not supported by ${model}`;
  return (
    (rule.images
      ? checkUrls(
          input[rule.images.field],
          rule.images.field,
          rule.images.required,
          rule.images.max,
        )
      : null) ??
    checkEnums(input, rule.enums ?? {}) ??
    checkBooleans(input, rule.booleans ?? [])
  );
}

export function checkJobsCreate(body: unknown): CreateCheck {
  const request = asObject(body);
  const model = request?.model;
  if (!request || typeof model !== "string") return { ok: false, msg: "model is required" };
  const rule = JOBS_RULES[model];
  if (!rule) return { ok: false, msg: `model ${model} is not supported` };
  const input = asObject(request.input);
  if (!input) return { ok: false, msg: "input is required" };
  const prompt = input.prompt;
  const promptProblem = checkPrompt(prompt);
  if (promptProblem) return { ok: false, msg: promptProblem };
  const ratio = rule.ratio ? (input[rule.ratio.field] ?? rule.ratio.values[0]) : "16:9";
  if (rule.ratio && (typeof ratio !== "string" || !rule.ratio.values.includes(ratio))) {
    return { ok: false, msg: `${rule.ratio.field} is not supported` };
  }
  const problem = checkCallBackUrl(request.callBackUrl) ?? checkJobsInput(rule, model, input);
  if (problem) return { ok: false, msg: problem };
  let count = 1;
  if (rule.count) {
    const value = input[rule.count.field] ?? 1;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > rule.count.max) {
      return { ok: false, msg: `${rule.count.field} must be 1 to ${rule.count.max}` };
    }
    count = value as number;
  }
  return {
    ok: true,
    spec: {
      model,
      media: rule.media ?? "image",
      prompt: prompt as string,
      count,
      aspectRatio: rule.ratio?.named?.[ratio as string] ?? (ratio as string),
      callBackUrl: (request.callBackUrl as string | undefined) ?? null,
      param: request,
    },
  };
}

export function checkGpt4oCreate(body: unknown): CreateCheck {
  const request = asObject(body);
  if (!request) return { ok: false, msg: "the request body must be a JSON object" };
  const { prompt, size, filesUrl } = request;
  const nVariants = request.nVariants ?? 1;
  const hasFiles = Array.isArray(filesUrl) && filesUrl.length > 0;
  if ((typeof prompt !== "string" || prompt.trim() === "") && !hasFiles) {
    return { ok: false, msg: "prompt or filesUrl is required" };
  }
  if (typeof size !== "string" || !["1:1", "3:2", "2:3"].includes(size)) {
    return { ok: false, msg: "size must be one of 1:1, 3:2, 2:3" };
  }
  if (![1, 2, 4].includes(nVariants as number)) {
    return { ok: false, msg: "nVariants must be 1, 2 or 4" };
  }
  const problem =
    checkCallBackUrl(request.callBackUrl) ?? checkUrls(filesUrl, "filesUrl", false, 5);
  if (problem) return { ok: false, msg: problem };
  return {
    ok: true,
    spec: {
      model: "gpt-4o-image",
      media: "image",
      prompt: typeof prompt === "string" ? prompt : "",
      count: nVariants as number,
      aspectRatio: size,
      callBackUrl: (request.callBackUrl as string | undefined) ?? null,
      param: request,
    },
  };
}
