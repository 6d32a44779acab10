import { describe, expect, it } from "vitest";
import { CATALOGUES, LOCALES } from "../../src/i18n/catalogues";
import { negotiateLocale, parseAcceptLanguage } from "../../src/i18n/negotiate";
import { translator } from "../../src/i18n/translate";
import { ERROR_CODES } from "../../src/lib/errors";
import { call } from "../support/http";

describe("locale negotiation (SPEC §3 order)", () => {
  it("prefers ?locale=, then the saved locale, then Accept-Language, then en", () => {
    expect(negotiateLocale({ query: "ja", saved: "zh", acceptLanguage: "en" })).toBe("ja");
    expect(negotiateLocale({ query: null, saved: "zh", acceptLanguage: "ja" })).toBe("zh");
    expect(negotiateLocale({ acceptLanguage: "ja-JP,ja;q=0.9" })).toBe("ja");
    expect(negotiateLocale({})).toBe("en");
  });

  it("skips unsupported values instead of failing", () => {
    expect(negotiateLocale({ query: "fr", acceptLanguage: "de-DE, zh-Hant-TW;q=0.8" })).toBe("zh");
    expect(negotiateLocale({ query: "", saved: "xx", acceptLanguage: "*" })).toBe("en");
  });

  it("orders Accept-Language by q-value and drops q=0", () => {
    expect(parseAcceptLanguage("en;q=0.2, ja;q=0.8, zh;q=0")).toEqual(["ja", "en"]);
    expect(negotiateLocale({ acceptLanguage: "en;q=0.2, ja;q=0.8" })).toBe("ja");
    expect(negotiateLocale({ acceptLanguage: "ja;q=0, en" })).toBe("en");
  });

  it("sets Content-Language on responses", async () => {
    const res = await call("/api/configs", { headers: { "accept-language": "ja" } });
    expect(res.headers.get("content-language")).toBe("ja");
    expect((await call("/api/configs?locale=zh")).headers.get("content-language")).toBe("zh");
  });
});

describe("catalogues", () => {
  it("have exactly the same keys in every locale, none empty", () => {
    const english = Object.keys(CATALOGUES.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(CATALOGUES[locale]).sort(), locale).toEqual(english);
      for (const [key, text] of Object.entries(CATALOGUES[locale]))
        expect(text.trim(), `${locale}:${key}`).not.toBe("");
    }
  });

  it("translate every error code", () => {
    for (const code of ERROR_CODES) expect(CATALOGUES.en, code).toHaveProperty(`errors.${code}`);
  });

  it("interpolate parameters and fall back to English, then the key", () => {
    const t = translator("ja", {
      en: { a: "Hello {name}", b: "only en" },
      ja: { a: "こんにちは {name}" },
      zh: {},
    });
    expect(t("a", { name: "Mika" })).toBe("こんにちは Mika");
    expect(t("b")).toBe("only en");
    expect(t("missing.key")).toBe("missing.key");
  });
});
