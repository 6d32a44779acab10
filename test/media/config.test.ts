import { describe, expect, it } from "vitest";
import { getConfigs, RAW_CONFIG_FILES } from "../../src/configs";
import { ConfigFileError, validateConfigs } from "../../src/configs/load";
import { CATALOGUES } from "../../src/i18n/catalogues";

function problemsWith(media: Record<string, unknown>): string[] {
  const files = structuredClone(RAW_CONFIG_FILES);
  files["media.json"] = { ...(files["media.json"] as object), ...media };
  try {
    validateConfigs(files, CATALOGUES);
    return [];
  } catch (error) {
    if (error instanceof ConfigFileError) return error.problems;
    throw error;
  }
}

describe("configs/media.json", () => {
  it("ships KieAI's result hosts and the size caps", () => {
    const { media } = getConfigs();
    expect(media.resultHosts).toContain("tempfile.aiquickdraw.com");
    expect(media.image.maxBytes).toBe(20 * 1024 * 1024);
    expect(media.video.maxBytes).toBe(500 * 1024 * 1024);
    expect(media.video.fetchTimeoutMs).toBe(300_000);
    expect(media.maxRedirects).toBe(3);
  });

  it.each([
    ["an IP address", "169.254.169.254"],
    ["a host with a port", "tempfile.aiquickdraw.com:443"],
    ["a URL", "https://tempfile.aiquickdraw.com"],
    ["upper case", "TempFile.aiquickdraw.com"],
    ["a single label", "localhost"],
    ["a wildcard", "*.aiquickdraw.com"],
  ])("refuses %s as a result host, naming the field", (_name, host) => {
    expect(problemsWith({ resultHosts: [host] }).join("\n")).toMatch(
      /^media\.json: resultHosts\[0\]: /m,
    );
  });

  it("refuses an empty host list, a zero cap and too many redirects", () => {
    const problems = problemsWith({ resultHosts: [], image: { maxBytes: 0 }, maxRedirects: 11 });
    expect(problems.join("\n")).toMatch(/media\.json: resultHosts: /);
    expect(problems.join("\n")).toMatch(/media\.json: image\.maxBytes: /);
    expect(problems.join("\n")).toMatch(/media\.json: maxRedirects: /);
  });

  it("gives videos a 5-minute download timeout when the file names none, 10 minutes at most", () => {
    const files = structuredClone(RAW_CONFIG_FILES);
    files["media.json"] = { ...(files["media.json"] as object), video: { maxBytes: 1_000 } };
    expect(validateConfigs(files, CATALOGUES).media.video).toEqual({
      maxBytes: 1_000,
      fetchTimeoutMs: 300_000,
    });
    const problems = problemsWith({ video: { maxBytes: 1_000, fetchTimeoutMs: 600_001 } });
    expect(problems.join("\n")).toMatch(/media\.json: video\.fetchTimeoutMs: /);
  });
});
